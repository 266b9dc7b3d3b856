//! The `isnad` binary: a thin command line over the library.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
