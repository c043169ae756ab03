//! Collecting: the Alibaba Cloud API client that writes snapshots.
//!
//! Credentials are found (`credentials`) and role credentials exchanged
//! for temporary keys (`role`); the signed RPC client (`client`, `sign`)
//! walks every page (`paging`), each API and region paced to the rate its
//! throttling allows (`pace`); `collector` fans out over regions and APIs
//! and assembles the snapshot from normalized items (`normalize`);
//! `command` is `ecsguard collect`; `progress` is what it shows meanwhile.

pub mod client;
pub mod collector;
pub mod command;
pub mod credentials;
pub mod normalize;
pub mod pace;
pub mod paging;
pub mod progress;
pub mod role;
pub mod sign;
