//! ecsguard: policy-as-code checks for Alibaba Cloud compute fleets.
//!
//! Data flows one way: the API client ([`collect`]) writes a snapshot
//! ([`snapshot`]), which is judged by Rego policies ([`policy`],
//! [`evaluate`]); triage ([`triage`]) applies waivers and baselines, and the
//! findings are reported ([`report`]); [`cli`] wires the commands. Loading,
//! judging and rendering spread their work over the cores with [`cores`].

// Load errors carry the source text they point into; they end the run, so
// their size on the error path does not matter.
#![allow(clippy::result_large_err)]

pub mod cli;
pub mod collect;
pub mod cores;
pub mod diagnostic;
pub mod evaluate;
pub mod policy;
pub mod report;
pub mod snapshot;
pub mod testing;
pub mod triage;
