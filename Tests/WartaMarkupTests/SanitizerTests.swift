import Testing

@testable import WartaMarkup

@Suite struct SanitizerTests {
    static func article(_ html: String) -> String {
        Sanitizer.sanitize(html, policy: .article).html
    }

    static func comment(_ html: String) -> String {
        Sanitizer.sanitize(html, policy: .comment).html
    }

    @Test func allowedMarkupPassesThroughUnchanged() {
        let html = "<p>a <strong>b</strong> <em>c</em> <code>d</code></p><ul><li>e</li></ul><blockquote>f</blockquote>"
        #expect(Self.article(html) == html)
    }

    @Test func storedOutputOfTheCurrentRevisionIsTakenAsItIsAndOlderOutputIsSanitizedAgain() {
        let stored = Self.article("<p>safe <a href=\"/x\">link</a></p>")
        #expect(SanitizedHTML.stored(stored, revision: Sanitizer.revision, policy: .article).html == stored)
        let old = "<p onclick=\"x()\">old</p><script>alert(1)</script>"
        #expect(SanitizedHTML.stored(old, revision: Sanitizer.revision - 1, policy: .article).html == "<p>old</p>")
        #expect(SanitizedHTML.stored(old, revision: nil, policy: .comment).html == "<p>old</p>")
    }

    @Test func unknownElementsAreUnwrappedKeepingTheirText() {
        #expect(Self.comment("<div><span class=x>hello</span> <h2>world</h2></div>") == "hello world")
        #expect(Self.article("<h1>Title</h1><font color=red>red</font>") == "Titlered")
    }

    @Test func dangerousElementsAreDroppedWithTheirContent() {
        let html = "a<script>x</script>b<style>y</style>c<template><p>z</p></template>d<textarea>t</textarea>e"
        #expect(Self.article(html) == "abcde")
        #expect(Self.article("1<svg><svg></svg><p>in svg</p></svg>2<math><mi>x</mi></math>3") == "123")
        #expect(Self.article("1<object><object></object>x</object>2<embed src=x>3") == "123")
    }

    @Test func unclosedDroppedElementDropsTheRest() {
        #expect(Self.article("kept<svg><p>gone") == "kept")
        #expect(Self.article("kept<plaintext><b>gone</plaintext>") == "kept")
    }

    @Test func commentLinksGetRelAndLoseOtherAttributes() {
        let html = "<a href=\"https://example.com/\" title=t target=_blank rel=opener onclick=x>x</a>"
        #expect(Self.comment(html) == "<a href=\"https://example.com/\" rel=\"nofollow ugc noopener\">x</a>")
    }

    @Test func articleLinksKeepHrefAndTitleOnly() {
        let html = "<a title=\"T\" href=\"/x\" rel=nofollow>x</a>"
        #expect(Self.article(html) == "<a title=\"T\" href=\"/x\">x</a>")
    }

    @Test func unsafeHrefIsDroppedButTheTextStays() {
        #expect(Self.article("<a href=\"javascript:alert(1)\">click</a>") == "<a>click</a>")
        #expect(Self.comment("<a href=\"java&#x09;script:x\">c</a>") == "<a rel=\"nofollow ugc noopener\">c</a>")
    }

    @Test func imageAttributesAreValidated() {
        let html = "<img src=\"/a.png\" alt=\"A\" width=\"640\" height=\"50%\" loading=LAZY title=t style=x onerror=y>"
        #expect(Self.article(html) == "<img src=\"/a.png\" alt=\"A\" width=\"640\" loading=\"lazy\" title=\"t\">")
        #expect(Self.article("<img src=\"/a.png\" loading=sometimes width=\"1e3\">") == "<img src=\"/a.png\">")
    }

    @Test func imageWithoutAllowedSourceIsDropped() {
        #expect(
            Self.article("a<img src=\"javascript:alert(1)\" alt=x>b<img alt=y>c<img src=\"data:image/png,x\">") == "abc"
        )
        #expect(Self.comment("<img src=\"https://example.com/a.png\">") == "", "comments allow no images")
    }

    @Test func tableCellAttributesAreValidated() {
        let html = "<table><tr><td align=Center colspan=2 rowspan=x>a</td><th align=middle>b</th></tr></table>"
        #expect(Self.article(html) == "<table><tr><td align=\"center\" colspan=\"2\">a</td><th>b</th></tr></table>")
    }

    @Test func tablePartsOutsideATableAreUnwrapped() {
        #expect(Self.article("<tr><td>a</td></tr><caption>b</caption>") == "ab")
    }

    @Test func cellsCloseSiblingsAndGetAnImpliedRow() {
        #expect(
            Self.article("<table><td>a<td>b<tr><th>c</table>")
                == "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>")
    }

    @Test func blockStartTagClosesAnOpenParagraph() {
        #expect(
            Self.article("<p>a<ul><li>b</ul><p>c<h2>d</h2><p>e<hr>f")
                == "<p>a</p><ul><li>b</li></ul><p>c</p><h2>d</h2><p>e</p><hr>f")
    }

    @Test func listItemClosesThePreviousOneInTheSameList() {
        #expect(
            Self.comment("<ol><li>a<li>b<ul><li>c<li>d</ul></ol>")
                == "<ol><li>a</li><li>b<ul><li>c</li><li>d</li></ul></li></ol>")
    }

    @Test func endTagClosesWhatIsInsideItAndStrayEndTagsAreDropped() {
        #expect(Self.comment("</b><p>a<b>b<i>c</p>d</i></li>") == "<p>a<b>b<i>c</i></b></p>d")
    }

    @Test func everythingOpenIsClosedAtTheEnd() {
        #expect(Self.comment("<blockquote><p><em>x") == "<blockquote><p><em>x</em></p></blockquote>")
    }

    @Test func nestedLinksAreNotKept() {
        #expect(Self.article("<a href=/a>1<a href=/b>2</a>3</a>") == "<a href=\"/a\">1</a><a href=\"/b\">2</a>3")
    }

    @Test func voidElementsAreWrittenWithoutSlashOrEndTag() {
        #expect(Self.article("a<br/>b<br>c</br><hr/>") == "a<br>b<br>c<hr>")
    }

    @Test func commentsDoctypesAndProcessingInstructionsAreDropped() {
        #expect(Self.article("<!DOCTYPE html><!-- c -->a<?php x ?>b<![CDATA[c]]>d") == "abd")
    }

    @Test func textAndAttributesAreReescaped() {
        #expect(
            Self.comment("<p>Tom &amp; Jerry 🐭 \"quoted\" 'single'</p>")
                == "<p>Tom &amp; Jerry 🐭 \"quoted\" 'single'</p>")
        #expect(Self.comment("a < b > c & d") == "a &lt; b &gt; c &amp; d")
        #expect(
            Self.article("<a title='say \"hi\" & <bye> &#39;x&#39;'>t</a>")
                == "<a title=\"say &quot;hi&quot; &amp; &lt;bye&gt; &#39;x&#39;\">t</a>")
    }

    @Test func accentedIndonesianAndFrenchTextRoundTrips() {
        let html =
            "<p>Menteri meresmikan jembatan di Sulawesi — «&nbsp;Ça, c’est déjà l’été&nbsp;», dit-elle. Œuvre, naïve, Noël.</p>"
        let expected =
            "<p>Menteri meresmikan jembatan di Sulawesi — «\u{A0}Ça, c’est déjà l’été\u{A0}», dit-elle. Œuvre, naïve, Noël.</p>"
        #expect(Self.article(html) == expected)
    }

    @Test func nulAndControlCharactersAreNeutralized() {
        #expect(Self.comment("a\u{0}b&#0;c&#1;d&#13;e") == "a\u{FFFD}b\u{FFFD}c d e")
    }

    @Test func emptyInputGivesEmptyOutput() {
        #expect(Sanitizer.sanitize("", policy: .article) == .empty)
    }

    @Test(arguments: [
        "<p>a<b>b<p>c", "<table><td>x<tr><td><table><td>y</table></table>", "<ul><li><p>a<li>b</ul>",
        "<h2>a<h3>b</h2>c", "<a href=/x><p>y</a>z", "<b><i></b></i><u>", "<pre>\n\nx</pre>", "&amp;lt;&lt;",
    ])
    func sanitizingTwiceChangesNothing(html: String) {
        for policy in SanitizerPolicy.allCases {
            let once = Sanitizer.sanitize(html, policy: policy)
            #expect(Sanitizer.sanitize(once.html, policy: policy) == once)
            #expect(OutputInspector.problems(in: once.html, policy: policy).isEmpty)
        }
    }

    @Test func pathologicalInputFinishesWithBoundedOutput() {
        let inputs = [
            String(repeating: "<", count: 100_000),
            String(repeating: "<b>", count: 10_000),
            String(repeating: "<p><table><td><b><ul><li>", count: 2_000),
            String(repeating: "<svg>", count: 10_000) + String(repeating: "</svg>", count: 10_000),
            "<a " + String(repeating: "x", count: 100_000) + "=1>",
            "<p " + (0..<20_000).map { "a\($0)=1 " }.joined() + ">",
            String(repeating: "&amp", count: 20_000) + String(repeating: "&#x", count: 20_000),
            "<script>" + String(repeating: "<!--<script>", count: 10_000),
            String(repeating: "<!--", count: 20_000),
        ]
        for input in inputs {
            for policy in SanitizerPolicy.allCases {
                let output = Sanitizer.sanitize(input, policy: policy).html
                #expect(output.utf8.count <= input.utf8.count * 5 + 64)
                #expect(OutputInspector.problems(in: output, policy: policy).isEmpty)
            }
        }
    }
}
