fn main() {
    std::process::exit(sopc::cli::run(std::env::args_os()))
}
