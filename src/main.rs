fn main() {
    // regorus's parser builds `anyhow` errors while it backtracks, thousands
    // per policy library; with RUST_BACKTRACE=1 in the environment each one
    // captured a stack trace, which was 15 % of a whole `check` at 1k
    // instances. Those errors are never shown with their trace (a syntax
    // error becomes a located diagnostic), so library backtraces are turned
    // off unless asked for by name; panics still honour RUST_BACKTRACE.
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        std::env::set_var("RUST_LIB_BACKTRACE", "0");
    }
    std::process::exit(ecsguard::cli::run());
}
