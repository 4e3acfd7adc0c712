extension ErrorReply {
    /// The reply to a stream request the owner cannot serve (another stream's name …): `invalid_request` naming the
    /// field `stream`. One mapping for the replay server and the services' snapshot handlers.
    public init(_ error: StreamError) {
        self.init(code: .invalidRequest, message: error.description, field: "stream")
    }
}
