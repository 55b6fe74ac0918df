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
        // An image inside a sentence stays inline, with its title as a tooltip.
        #expect(
            Self.html("See ![A cat](/media/cat.jpg \"Cat\") here.")
                == "<p>See <img src=\"/media/cat.jpg\" alt=\"A cat\" title=\"Cat\"> here.</p>\n")
    }

    @Test func aStandaloneImageIsAFigureWithItsTitleAsCaption() {
        #expect(
            Self.html("![Perahu di *dermaga*](/media/perahu.jpg \"Perahu nelayan, 2026\")")
                == "<figure><img src=\"/media/perahu.jpg\" alt=\"Perahu di dermaga\">"
                + "<figcaption>Perahu nelayan, 2026</figcaption></figure>\n")
        #expect(Self.html("![Pasar](/m/pasar.jpg)") == "<figure><img src=\"/m/pasar.jpg\" alt=\"Pasar\"></figure>\n")
    }

    @Test func imagesAfterTheFirstLoadLazily() {
        let html = Self.html("![a](/1.jpg)\n\nText ![b](/2.jpg) and ![c](/3.jpg)")
        #expect(html.contains("<img src=\"/1.jpg\" alt=\"a\">"))
        #expect(html.contains("<img src=\"/2.jpg\" alt=\"b\" loading=\"lazy\">"))
        #expect(html.contains("<img src=\"/3.jpg\" alt=\"c\" loading=\"lazy\">"))
    }

    @Test func aSizeAfterTheImageSetsWidthAndHeight() {
        #expect(
            Self.html("![Banjir](/m/banjir.jpg \"Banjir\"){width=1200 height=800}")
                == "<figure><img src=\"/m/banjir.jpg\" alt=\"Banjir\" width=\"1200\" height=\"800\">"
                + "<figcaption>Banjir</figcaption></figure>\n")
        #expect(
            Self.html("Lihat ![ikon](/i.png){height=16 width=16} di sini.")
                == "<p>Lihat <img src=\"/i.png\" alt=\"ikon\" width=\"16\" height=\"16\"> di sini.</p>\n")
        // Anything else in braces is ordinary text.
        #expect(Self.html("![x](/x.png){width=wide}").contains("{width=wide}"))
        #expect(Self.html("![x](/x.png){width=0 height=5}").contains("{width=0 height=5}"))
    }

    @Test func imageFieldsAreEscapedAndUnsafeSourcesDropped() {
        let html = Self.html("![\"><script>alert(1)</script>](javascript:alert(1) \"<b>t</b>\")")
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<figcaption>&lt;b&gt;t&lt;/b&gt;</figcaption>"))
    }

    @Test func aLevelOneHeadingBecomesLevelTwo() {
        // The headline is the page's only h1.
        #expect(Self.html("# Satu\n## Dua") == "<h2>Satu</h2>\n<h2>Dua</h2>\n")
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
