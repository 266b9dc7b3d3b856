//! The `isnad` binary: a thin command line over the library.

mod cli;

/// mimalloc: extraction allocates many small strings; this allocator makes that cheap.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Like other Unix filters, stop quietly when the reader of stdout goes away
    // (`isnad extract ... | head`) instead of failing on a broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default action of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    std::process::exit(cli::main());
}
