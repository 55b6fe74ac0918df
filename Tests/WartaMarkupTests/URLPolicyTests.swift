import Testing

@testable import WartaMarkup

@Suite struct URLPolicyTests {
    @Test(arguments: [
        "https://example.com/", "http://example.com", "HTTPS://EXAMPLE.COM", "mailto:a@example.com", "/path",
        "path/to:x", "?q=javascript:x", "#frag:x", "//example.com/x", "", " https://example.com ",
    ])
    func allowsWebMailAndRelativeLinks(url: String) {
        #expect(URLPolicy.isSafeLink(url))
    }

    @Test(arguments: [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "\u{1}javascript:x", "java\tscript:x",
        "java\nscript:x", "java\rscript:x", "data:text/html,x", "vbscript:x", "file:///etc/passwd", "ftp://x/",
        "jav&#x0A;ascript:x", "&#106;avascript:x", "javascript&colon;x", "ｊａｖａｓｃｒｉｐｔ:x", "\u{FEFF}javascript:x",
    ])
    func refusesOtherSchemesHoweverDisguised(url: String) {
        #expect(!URLPolicy.isSafeLink(url))
    }

    @Test func imagesAllowOnlyWebAndRelativeSources() {
        #expect(URLPolicy.isSafeImageSource("https://example.com/a.png"))
        #expect(URLPolicy.isSafeImageSource("/media/a.png"))
        #expect(URLPolicy.isSafeImageSource("//cdn.example.com/a.png"))
        #expect(!URLPolicy.isSafeImageSource("mailto:a@example.com"))
        #expect(!URLPolicy.isSafeImageSource("data:image/png;base64,AAAA"))
        #expect(!URLPolicy.isSafeImageSource("javascript:alert(1)"))
    }

    @Test func colonAfterSlashQuestionOrHashIsNotAScheme() {
        #expect(URLPolicy.scheme(of: Array("a/b:c".utf8)) == nil)
        #expect(URLPolicy.scheme(of: Array("a?b:c".utf8)) == nil)
        #expect(URLPolicy.scheme(of: Array("a#b:c".utf8)) == nil)
        #expect(URLPolicy.scheme(of: Array("Ab:c".utf8)) == "ab")
    }
}
