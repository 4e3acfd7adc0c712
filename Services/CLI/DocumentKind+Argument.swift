import ArgumentParser
import Contracts

/// `--kind report|filing|events|subjects` on the command line.
extension DocumentKind: ExpressibleByArgument {}
