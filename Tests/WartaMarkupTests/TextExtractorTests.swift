import Testing

@testable import WartaMarkup

@Suite struct TextExtractorTests {
    @Test func removesTagsAndDecodesReferences() {
        #expect(TextExtractor.plainText(fromHTML: "<p>Tom &amp; <b>Jerry</b> &lt;3&#33;</p>") == "Tom & Jerry <3!")
    }

    @Test func dropsScriptAndStyleContent() {
        let html = "<style>p{}</style><p>a<script>var x = '<p>';</script>b</p>"
        #expect(TextExtractor.plainText(fromHTML: html) == "ab")
    }

    @Test func collapsesWhitespaceAndTrimsTheEnds() {
        #expect(TextExtractor.plainText(fromHTML: "  <p>\n a \t\n b&nbsp;&nbsp;c </p>\n") == "a b c")
    }

    @Test func blockBoundariesSeparateWordsButInlineTagsDoNot() {
        #expect(
            TextExtractor.plainText(fromHTML: "<p>one</p><p>two<br>three</p><li>fo<i>ur</i>") == "one two three four")
    }

    @Test func dropsCommentsAndKeepsNonASCIIText() {
        #expect(TextExtractor.plainText(fromHTML: "<!-- x --><p>Pemilu 2024: café 🐭</p>") == "Pemilu 2024: café 🐭")
    }

    @Test func emptyAndTextOnlyInputs() {
        #expect(TextExtractor.plainText(fromHTML: "") == "")
        #expect(TextExtractor.plainText(fromHTML: "plain words") == "plain words")
    }

    @Test(arguments: [0, 1, 7, 160, 161, 5_000])
    func stoppingEarlyGivesAPrefixLongerThanTheLimit(limit: Int) {
        // Combined characters (e + accent, a flag) make more scalars than characters.
        let paragraph = "<p>Cafe\u{301} di  pesisir 🇮🇩 <b>buka</b> lagi &amp; ramai.</p><script>skip()</script>"
        let html = String(repeating: paragraph, count: 20)
        let whole = TextExtractor.plainText(fromHTML: html)
        let early = TextExtractor.plainText(fromHTML: html, stoppingAfter: limit)
        #expect(whole.hasPrefix(early))
        if whole.count > limit {
            #expect(early.count > limit)
            #expect(early.count < limit + 60, "stops within one text run of the limit")
        } else {
            #expect(early == whole)
        }
    }
}
