import Testing

@testable import WartaMarkup

@Suite struct TokenizerTests {
    @Test func placeholder() {
        #expect(TokenizerTestSupport.tokens("<p>") == [.startTag(HTMLStartTag(name: "p"))])
    }
}

enum TokenizerTestSupport {
    static func tokens(_ html: String) -> [HTMLToken] {
        var tokenizer = HTMLTokenizer(html)
        var result: [HTMLToken] = []
        while let token = tokenizer.next() { result.append(token) }
        return result
    }
}
