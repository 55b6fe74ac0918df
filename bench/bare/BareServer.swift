import FluentKit
import FluentSQLiteDriver
import Foundation
import Hummingbird
import NIOCore
import NIOPosix

/// The framework's floors, run by `bench/run.sh` next to warta and nginx so the report separates Warta's own cost
/// from its stack's:
///
///     warta-bench-bare PORT PAGE.gz                               the page-cache hit: one prebuilt gzip response
///     warta-bench-bare --miss PORT DB SLUG PAGE [--no-gzip]       a miss: row read + gzip (see MissFloor)
///
/// Both answer from a bare `HTTPResponder` (no router, no middleware) whatever the path.
@main
enum BareServer {
    static func main() async throws {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--miss" {
            try await serveMissFloor(Array(arguments.dropFirst()))
        } else {
            try await serveHitFloor(arguments)
        }
    }

    static func serveHitFloor(_ arguments: [String]) async throws {
        guard arguments.count == 2, let port = Int(arguments[0]),
            let page = FileManager.default.contents(atPath: arguments[1])
        else { usage() }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentEncoding] = "gzip"
        headers[.cacheControl] = "public, max-age=60"
        let response = Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: page)))
        try await run(CallbackResponder<BasicRequestContext> { _, _ in response }, port: port)
    }

    static func serveMissFloor(_ arguments: [String]) async throws {
        guard arguments.count == 4 || (arguments.count == 5 && arguments[4] == "--no-gzip"),
            let port = Int(arguments[0]),
            let plain = FileManager.default.contents(atPath: arguments[3])
        else { usage() }
        let plainPage = ByteBuffer(bytes: plain)
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.sqlite(.file(arguments[1])), as: .sqlite)
        let handles = MultiThreadedEventLoopGroup.singleton.makeIterator().compactMap {
            databases.database(logger: MissFloor.logger, on: $0) as? any SQLDatabase
        }
        let floor = MissFloor(
            handles: handles, slug: arguments[2], plainPage: plainPage, gzipPage: try MissFloor.gzip(plainPage),
            compressEachTime: arguments.count == 4)
        try await run(CallbackResponder<BasicRequestContext> { _, _ in try await floor.respond() }, port: port)
        await databases.shutdownAsync()
    }

    static func run(_ responder: CallbackResponder<BasicRequestContext>, port: Int) async throws {
        let app = Application(
            responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton))
        try await app.runService()
    }

    static func usage() -> Never {
        FileHandle.standardError.write(
            Data("usage: warta-bench-bare PORT PAGE.gz | --miss PORT DB SLUG PAGE.html [--no-gzip]\n".utf8))
        exit(2)
    }
}
