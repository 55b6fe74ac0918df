import Testing

@testable import WartaMarkup

@Suite struct TokenizerTests {
    static func tokens(_ html: String) -> [HTMLToken] {
        var tokenizer = HTMLTokenizer(html)
        var result: [HTMLToken] = []
        while let token = tokenizer.next() { result.append(token) }
        return result
    }

    static func start(_ name: String, _ attributes: [(String, String)] = [], selfClosing: Bool = false) -> HTMLToken {
        .startTag(
            HTMLStartTag(
                name: name, attributes: attributes.map { HTMLAttribute(name: $0.0, value: $0.1) },
                selfClosing: selfClosing))
    }

    /// The text of a document made of one text run.
    static func text(_ html: String) -> String? {
        guard case .text(let text)? = tokens(html).first else { return nil }
        return text
    }

    /// The value of attribute `x` on the first tag.
    static func attribute(_ html: String) -> String? {
        guard case .startTag(let tag)? = tokens(html).first else { return nil }
        return tag.value(of: "x")
    }

    @Test func tagAndAttributeNamesAreLowercased() {
        #expect(Self.tokens("<DiV ID=a>") == [Self.start("div", [("id", "a")])])
    }

    @Test func attributeValuesMayBeDoubleSingleOrUnquotedOrMissing() {
        let expected = Self.start("p", [("a", "1"), ("b", "2"), ("c", "3"), ("d", ""), ("e", "5")])
        #expect(Self.tokens("<p a=\"1\" b='2' c=3 d e = 5>") == [expected])
    }

    @Test func unquotedValuesKeepQuotesBackticksAndSlashes() {
        #expect(Self.attribute("<p x=a\"b'c`d/e>") == "a\"b'c`d/e")
        #expect(Self.tokens("<img/src=x/onerror=y>") == [Self.start("img", [("src", "x/onerror=y")])])
    }

    @Test func slashesAndMissingSpacesSeparateAttributes() {
        #expect(Self.tokens("<p/a=\"1\"b='2'/>") == [Self.start("p", [("a", "1"), ("b", "2")], selfClosing: true)])
    }

    @Test func firstDuplicateAttributeWins() {
        #expect(Self.tokens("<a href=1 HREF=2 href=3>") == [Self.start("a", [("href", "1")])])
    }

    @Test func equalsSignCanStartAnAttributeName() {
        #expect(Self.tokens("<p =x>") == [Self.start("p", [("=x", "")])])
    }

    @Test func endOfInputInsideATagDropsTheTag() {
        #expect(Self.tokens("a<img src=x onerror=alert(1)") == [.text("a")])
        #expect(Self.tokens("<a href=\"x") == [])
        #expect(Self.tokens("<p") == [])
    }

    @Test func lessThanWithoutATagIsText() {
        #expect(Self.tokens("a < b <3 <") == [.text("a < b <3 <")])
        #expect(Self.tokens("</>x") == [.text("x")])
        #expect(Self.tokens("x</") == [.text("x</")])
    }

    @Test func endTagsIgnoreTheirAttributes() {
        #expect(Self.tokens("</p class=x>") == [.endTag("p")])
    }

    @Test func commentsIncludingAbruptAndBangEndedShapes() {
        #expect(Self.tokens("<!-- a -->b") == [.comment(" a "), .text("b")])
        #expect(Self.tokens("<!-->x") == [.comment(""), .text("x")])
        #expect(Self.tokens("<!--->x") == [.comment(""), .text("x")])
        #expect(Self.tokens("<!-- a --!>x") == [.comment(" a "), .text("x")])
        #expect(Self.tokens("<!--a--b-->") == [.comment("a--b")])
        #expect(Self.tokens("<!-- <!-- nested -->x") == [.comment(" <!-- nested "), .text("x")])
    }

    @Test func unterminatedCommentRunsToTheEnd() {
        #expect(Self.tokens("<!-- <img src=x>") == [.comment(" <img src=x>")])
    }

    @Test func bogusCommentsEndAtTheFirstGreaterThan() {
        #expect(Self.tokens("<?xml a?>x") == [.comment("?xml a?"), .text("x")])
        #expect(Self.tokens("<!DOCTYPE html>x") == [.comment("DOCTYPE html"), .text("x")])
        #expect(Self.tokens("</3 x>y") == [.comment("3 x"), .text("y")])
        #expect(Self.tokens("<![CDATA[<b>]]>") == [.comment("[CDATA[<b"), .text("]]>")])
    }

    @Test func cdataIsTextOnlyInForeignContent() {
        var tokenizer = HTMLTokenizer("<![CDATA[<b>x]]>")
        tokenizer.foreignContent = true
        #expect(tokenizer.next() == .text("<b>x"))
    }

    @Test func namedReferencesDecodeWithAndWithoutSemicolon() {
        #expect(Self.text("&amp;&lt;&gt;&quot;&apos;&nbsp;&colon;&Tab;&NewLine;&lpar;&rpar;") == "&<>\"'\u{A0}:\t\n()")
        #expect(Self.text("&amp &lt &copy &eacute") == "& < \u{A9} \u{E9}")
        #expect(Self.text("&colon &Tab") == "&colon &Tab", "only legacy names work without ;")
    }

    @Test func longestMatchWinsAndUnknownNamesStayLiteral() {
        #expect(Self.text("&notit; &notin; &nosuch; &ampx") == "\u{AC}it; \u{2209} &nosuch; &x")
    }

    @Test func legacyReferenceInAttributeFollowedByAlphanumericOrEqualsStaysLiteral() {
        #expect(Self.attribute("<a x=\"?a=1&copy=2&not3&amp;4&lt\">") == "?a=1&copy=2&not3&4<")
        #expect(Self.text("?a=1&copy=2") == "?a=1\u{A9}=2", "in text the rule does not apply")
    }

    @Test func numericReferencesDecimalAndHexWithOrWithoutSemicolon() {
        #expect(Self.text("&#106;&#x6A;&#X6a&#0000106&#x3A") == "jjjj:")
    }

    @Test func numericReferencesFollowTheReplacementRules() {
        #expect(Self.text("&#0;&#xD800;&#xDFFF;&#x110000;&#99999999999999;") == String(repeating: "\u{FFFD}", count: 5))
        #expect(Self.text("&#x80;&#150;&#x9F;&#x81;") == "\u{20AC}\u{2013}\u{178}\u{81}")
    }

    @Test func numericReferenceWithoutDigitsStaysLiteral() {
        #expect(Self.text("&#; &#x; &#xg &# &") == "&#; &#x; &#xg &# &")
    }

    @Test func nulAndCarriageReturnsArePreprocessed() {
        #expect(Self.text("a\u{0}b\r\nc\rd") == "a\u{FFFD}b\nc\nd")
    }

    @Test func rawTextElementsHoldOneTextRun() {
        #expect(Self.tokens("<style><p>x</style>") == [Self.start("style"), .text("<p>x"), .endTag("style")])
        #expect(Self.tokens("<xmp></xm></xmp >") == [Self.start("xmp"), .text("</xm>"), .endTag("xmp")])
        #expect(Self.tokens("<iframe><b></IFRAME>") == [Self.start("iframe"), .text("<b>"), .endTag("iframe")])
    }

    @Test func rcdataDecodesReferencesButNotTags() {
        #expect(Self.tokens("<title>&lt;b&gt;<i></title>") == [Self.start("title"), .text("<b><i>"), .endTag("title")])
        #expect(
            Self.tokens("<textarea></textareax></textarea>") == [
                Self.start("textarea"), .text("</textareax>"), .endTag("textarea"),
            ])
    }

    @Test func scriptDataHonoursEscapedAndDoubleEscapedStates() {
        let doubled = "<script><!--<script>x</script>y</script>z"
        #expect(
            Self.tokens(doubled) == [
                Self.start("script"), .text("<!--<script>x</script>y"), .endTag("script"), .text("z"),
            ])
        let escaped = "<script><!--x</script>y"
        #expect(Self.tokens(escaped) == [Self.start("script"), .text("<!--x"), .endTag("script"), .text("y")])
        #expect(
            Self.tokens("<script>a</script/x>b") == [Self.start("script"), .text("a"), .endTag("script"), .text("b")])
    }

    @Test func unclosedRawTextRunsToTheEnd() {
        #expect(Self.tokens("<script>a</script") == [Self.start("script"), .text("a</script")])
        #expect(Self.tokens("<plaintext></plaintext><b>") == [Self.start("plaintext"), .text("</plaintext><b>")])
    }

    @Test func foreignContentDoesNotSwitchToRawText() {
        var tokenizer = HTMLTokenizer("<style><b></style>")
        tokenizer.foreignContent = true
        var tokens: [HTMLToken] = []
        while let token = tokenizer.next() { tokens.append(token) }
        #expect(tokens == [Self.start("style"), Self.start("b"), .endTag("style")])
    }

    @Test func nonASCIITextPassesThroughUnchanged() {
        #expect(Self.text("Café 🐭 ĳ — 日本") == "Café 🐭 ĳ — 日本")
    }
}
