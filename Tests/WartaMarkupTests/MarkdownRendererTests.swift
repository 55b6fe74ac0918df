import Testing

@testable import WartaMarkup

@Suite struct MarkdownRendererTests {
    static func html(_ markdown: String, _ policy: SanitizerPolicy = .article) -> String {
        MarkdownRenderer.render(markdown, policy: policy).html
    }

    @Test func paragraphsAndEmphasis() {
        #expect(
            Self.html("Hello *world* and **bold**.\n\nSecond.")
                == "<p>Hello <em>world</em> and <strong>bold</strong>.</p>\n<p>Second.</p>\n")
    }

    @Test func headingsBelowTheTitleLevelAreKept() {
        #expect(Self.html("## Two\n### Three") == "<h2>Two</h2>\n<h3>Three</h3>\n")
    }

    @Test func quotesStayAsTyped() {
        // cmark writes `"` as `&quot;`; the sanitizer decodes it and writes text quotes plainly.
        #expect(Self.html("\"quoted\" -- it's...") == "<p>\"quoted\" -- it's...</p>\n")
    }

    @Test func linksAndImagesWithTitles() {
        #expect(
            Self.html("[Warta](https://example.com/ \"Home\")")
                == "<p><a href=\"https://example.com/\" title=\"Home\">Warta</a></p>\n")
        #expect(
            Self.html("![A cat](/media/cat.jpg \"Cat\")")
                == "<p><img src=\"/media/cat.jpg\" alt=\"A cat\" title=\"Cat\"></p>\n")
    }

    @Test func unsafeMarkdownLinksLoseTheirURL() {
        #expect(Self.html("[x](javascript:alert(1))") == "<p><a>x</a></p>\n")
    }

    @Test func tablesKeepColumnAlignment() {
        let markdown = "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |"
        let html = Self.html(markdown)
        #expect(html.contains("<th align=\"left\">a</th>"))
        #expect(html.contains("<td align=\"center\">2</td>"))
        #expect(html.contains("<td align=\"right\">3</td>"))
        #expect(html.hasPrefix("<table>\n<thead>\n<tr>"))
    }

    @Test func strikethroughBecomesDel() {
        #expect(Self.html("~~gone~~") == "<p><del>gone</del></p>\n")
    }

    @Test func bareURLsAreAutolinked() {
        #expect(
            Self.html("See https://example.com now")
                == "<p>See <a href=\"https://example.com\">https://example.com</a> now</p>\n")
        #expect(
            Self.html("See www.example.com") == "<p>See <a href=\"http://www.example.com\">www.example.com</a></p>\n")
    }

    @Test func rawHTMLGoesThroughTheSanitizer() {
        #expect(Self.html("a <script>alert(1)</script> b") == "<p>a  b</p>\n")
        #expect(Self.html("<b onclick=x>bold</b>") == "<p><b>bold</b></p>\n")
        #expect(Self.html("<div onclick=x>\n\n<img src=x onerror=alert(1)>\n\n</div>") == "\n<img src=\"x\">\n\n")
    }

    @Test func blockquotesAndLists() {
        #expect(Self.html("> quoted") == "<blockquote>\n<p>quoted</p>\n</blockquote>\n")
        #expect(Self.html("- a\n- b\n\n1. c") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol>\n<li>c</li>\n</ol>\n")
    }

    @Test func codeFencesAreEscaped() {
        let markdown = "```html\n<script>alert(1)</script>\n```"
        #expect(Self.html(markdown) == "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n")
    }

    @Test func commentPolicyAppliesToMarkdownToo() {
        #expect(
            Self.html("## h\n[l](https://e.com)", .comment)
                == "h\n<p><a href=\"https://e.com\" rel=\"nofollow ugc noopener\">l</a></p>\n")
    }

    @Test func nonASCIIBody() {
        #expect(
            Self.html("Pemilu **2024**: café, naïve, 日本 🐭")
                == "<p>Pemilu <strong>2024</strong>: café, naïve, 日本 🐭</p>\n")
    }

    @Test func emptyMarkdown() {
        #expect(MarkdownRenderer.render("") == .empty)
    }
}
