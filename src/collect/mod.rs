//! Collecting: the Alibaba Cloud API client that writes snapshots.
//!
//! Being built up in steps (issue 3); what is here is complete and tested
//! on its own.

pub mod client;
pub mod collector;
pub mod credentials;
pub mod normalize;
pub mod paging;
pub mod role;
pub mod sign;
