import FluentKit
import Foundation
import Testing
import WartaMarkup

@testable import WartaApp

@Suite struct HTMLWriterTests {
    @Test func textAndAttributesAreEscaped() {
        var html = HTML()
        html.element("p", [Attribute("title", "\"><script>alert('x')</script>")], text: "<b>Tom & Jerry</b> 🐭")
        #expect(
            html.output
                == "<p title=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\">&lt;b&gt;Tom &amp; Jerry&lt;/b&gt; 🐭</p>"
        )
    }

    @Test(arguments: ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x"])
    func unsafeLinksBecomeHash(url: String) {
        var html = HTML()
        html.element("a", [.href(url)], text: "x")
        #expect(html.output == "<a href=\"#\">x</a>")
    }

    @Test(arguments: ["/2025/03/banjir", "https://example.com/a?b=1&c=2", "mailto:redaksi@example.com"])
    func safeLinksAreKept(url: String) {
        var html = HTML()
        html.element("a", [.href(url)], text: "x")
        #expect(html.output.contains("href=\"\(url.replacingOccurrences(of: "&", with: "&amp;"))\""))
    }

    @Test func structuredDataEscapesWhatCouldEndTheScriptOrBreakALine() throws {
        let tricky = "a\"b\\c</script><!--&\u{2028}\u{2029}\u{1}\n\u{1F}é€😀\u{2027}\u{202A}"
        let json = StructuredData(.object([("k", .string(tricky)), ("list", .array([.string("x")]))])).json
        #expect(
            json
                == #"{"k":"a\"b\\c\u003c/script\u003e\u003c!--\u0026\u2028\u2029\u0001\u000a\u001fé€😀\#u{2027}\#u{202A}","list":["x"]}"#
        )
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(decoded?["k"] as? String == tricky)
    }

    @Test func slugsAreFoldedToASCII() {
        #expect(Slug.make(from: "Banjir Surut di Ciliwung!") == "banjir-surut-di-ciliwung")
        #expect(Slug.make(from: "Crème brûlée à Jakarta — 2026") == "creme-brulee-a-jakarta-2026")
        #expect(Slug.make(from: "  ---  ") == "")
        #expect(Slug.isValid("banjir-2026"))
        #expect(!Slug.isValid("Banjir"))
        #expect(!Slug.isValid("-banjir"))
    }

    @Test func numbersAndReturnPathsAreEncodedByHand() {
        #expect(Digits.padded(7, width: 2) == "07")
        #expect(Digits.padded(2026, width: 4) == "2026")
        #expect(Digits.padded(12345, width: 4) == "12345")
        #expect(Digits.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(SitePath.article(year: 2015, month: 3, slug: "banjir").path == "/2015/03/banjir")
        #expect(SitePath.queryEncoded("/tag/kopi?page=2") == "%2Ftag%2Fkopi%3Fpage%3D2")
        // Non-ASCII letters are encoded too (CharacterSet.alphanumerics would have let them through).
        #expect(SitePath.queryEncoded("/café-Ω_~.") == "%2Fcaf%C3%A9-%CE%A9_~.")
    }
}
