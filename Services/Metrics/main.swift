// Placeholder entry point.
