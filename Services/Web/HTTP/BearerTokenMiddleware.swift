import Hummingbird

/// Refuses every request without `Authorization: Bearer <token>` (401, constant-time comparison). Installed when a
/// token file is configured — always for a non-loopback bind.
public struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    private let expected: [UInt8]

    /// Checks requests against `token`.
    public init(token: String) {
        expected = Array(("Bearer " + token).utf8)
    }

    /// Passes the request on when its token matches; answers 401 otherwise.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let given = request.headers[.authorization], Self.equal(Array(given.utf8), expected) else {
            var headers = HTTPFields()
            headers[.wwwAuthenticate] = "Bearer realm=\"kechuang\""
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(
                status: .unauthorized, headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: "需要令牌 bearer token required\n")))
        }
        return try await next(request, context)
    }

    /// Compares in time independent of where the bytes differ.
    static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = lhs.count ^ rhs.count
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= Int(left ^ right)
        }
        return difference == 0
    }
}
