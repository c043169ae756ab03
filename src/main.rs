fn main() {
    std::process::exit(ecsguard::cli::run());
}
