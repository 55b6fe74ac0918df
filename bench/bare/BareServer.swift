import Foundation
import Hummingbird
import NIOCore
import NIOPosix

/// The framework's floor for the page-cache hit: Hummingbird 2 answering every request with one prebuilt gzip
/// response from a bare `HTTPResponder` (no router, no middleware, no cache lookup). `bench/run.sh` runs it next
/// to warta and nginx so the report separates Warta's own hit-path cost from Hummingbird's.
///
///     warta-bench-bare PORT PAGE.gz
@main
enum BareServer {
    static func main() async throws {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let arguments = CommandLine.arguments
        guard arguments.count == 3, let port = Int(arguments[1]),
            let page = FileManager.default.contents(atPath: arguments[2])
        else {
            FileHandle.standardError.write(Data("usage: warta-bench-bare PORT PAGE.gz\n".utf8))
            exit(2)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentEncoding] = "gzip"
        headers[.cacheControl] = "public, max-age=60"
        let response = Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: page)))
        let responder = CallbackResponder<BasicRequestContext> { _, _ in response }
        let app = Application(
            responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton))
        try await app.runService()
    }
}
