//! ecsguard: policy-as-code checks for Alibaba Cloud compute fleets.
//!
//! Data flows one way: a snapshot ([`snapshot`]) is judged by Rego
//! policies ([`policy`], [`evaluate`]) and the findings are reported
//! ([`report`]); [`cli`] wires the commands.

pub mod cli;
pub mod evaluate;
pub mod policy;
pub mod report;
pub mod snapshot;
pub mod testing;
