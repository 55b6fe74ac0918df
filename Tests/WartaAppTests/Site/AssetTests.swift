import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct AssetTests {
    @Test("The stylesheet and the icon are served under their content hash and linked from every page")
    func assetsAreServedAndLinked() async throws {
        try await withTestApp(.sqlite) { app, seed in
            try await seed.article(slug: "banjir")
            try await app.test(.router) { client in
                for (path, type, bytes) in [
                    (Stylesheet.path, "text/css; charset=utf-8", Stylesheet.bytes),
                    (SiteIcon.path, "image/svg+xml", SiteIcon.bytes),
                ] {
                    let response = try await client.get(path)
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == type)
                    #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                    #expect(Array(response.body.readableBytesView) == Array(bytes))
                }
                #expect(try await client.get("/assets/icon.000000000000.svg").status == .notFound)
                #expect(try await client.get("/assets/..%2F..%2Fetc%2Fpasswd").status == .notFound)
                for page in ["/", "/2015/10/banjir", "/tidak-ada", "/admin/signin"] {
                    let html = try await client.get(page).text
                    #expect(
                        html.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"\(SiteIcon.path)\">"), "\(page)"
                    )
                }
            }
            // The icon is a well-formed SVG document (it is XML, so Foundation's parser checks it).
            let parser = XMLParser(data: SiteIcon.bytes)
            #expect(parser.parse())
        }
    }

    @Test("HEAD answers like GET, without a body, on pages served from the cache and rendered alike")
    func headAnswersLikeGet() async throws {
        try await withTestApp(.sqlite) { app, seed in
            try await seed.article(slug: "banjir")
            try await app.test(.router) { client in
                for path in ["/", "/2015/10/banjir", "/2015/10/banjir", "/healthz", Stylesheet.path] {
                    let head = try await client.execute(uri: path, method: .head)
                    let get = try await client.get(path)
                    #expect(head.status == .ok, "\(path)")
                    #expect(head.headers[.contentType] == get.headers[.contentType], "\(path)")
                    #expect(head.body.readableBytes == 0, "\(path)")
                }
                #expect(try await client.execute(uri: "/tidak-ada", method: .head).status == .notFound)
            }
        }
    }

    @Test("A known address asked with a method it does not take answers 405 with Allow; unknown ones stay 404")
    func otherMethodsGet405() async throws {
        try await withTestApp(.sqlite) { app, seed in
            try await seed.article(slug: "banjir")
            try await app.test(.router) { client in
                let cases: [(String, HTTPRequest.Method, String)] = [
                    ("/", .delete, "GET, HEAD"),
                    ("/", .post, "GET, HEAD"),
                    ("/2015/10/banjir", .put, "GET, HEAD"),
                    ("/admin/signin", .patch, "GET, HEAD, POST"),
                    ("/admin/articles/\(UUID().uuidString.lowercased())/restore", .get, "POST"),
                ]
                for (path, method, allow) in cases {
                    let response = try await client.execute(uri: path, method: method)
                    #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                    #expect(response.headers[.allow] == allow, "\(method) \(path)")
                    #expect(response.text.contains("Alamat ini tidak menerima permintaan seperti ini."))
                }
                #expect(try await client.execute(uri: "/tidak/ada/di/sini", method: .delete).status == .notFound)
                #expect(try await client.get("/2015/10/tidak-ada").status == .notFound)
                #expect(try await client.execute(uri: "/2015/10/banjir", method: .head).status == .ok)
            }
        }
    }
}
