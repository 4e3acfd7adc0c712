import ArgumentParser
import Contracts

/// `--kind report|filing|events` on the command line.
extension DocumentKind: ExpressibleByArgument {}
