import Testing
@testable import WartaMarkup

@Test func scratch() {
    let inputs = [
        "<p>Tom &amp; Jerry 🐭 \"quoted\" 'single'</p>",
        "<img/src=x/onerror=alert(1)>",
        "<a href=\"javas&#99;ript:alert(1)\">x</a>",
        "<a href=\"https://ex.com/?a=1&copy=2\" onclick=x>y</a><b>bold",
        "<scr<script>ipt>alert(1)</script>",
        "<table><td>a<td>b<tr><th align=CENTER colspan=2>c</table>",
        "<ul><li>a<li>b</ul><p>x<h2>y</h2>",
        "<svg><style><img src=x onerror=alert(1)></style></svg>after",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<!--><script>alert(1)</script>-->",
        "<script><!--<script>x</script>y</script>z",
        "x &notit; &notin; &#x80; &#0; &#xD800; &amp &ampx;",
    ]
    for input in inputs {
        print(input, "=>", Sanitizer.sanitize(input, policy: .article).html, "|", Sanitizer.sanitize(input, policy: .comment).html)
    }
    print(MarkdownRenderer.render("# Hi\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n~~x~~ www.example.com <script>alert(1)</script> <b onclick=x>b</b>\n\n![alt](/i.png \"T\")"))
    print(TextExtractor.plainText(fromHTML: "<p>a&amp;b</p><p>c <b>d</b>e<script>x</script><style>y</style></p>"))
}
