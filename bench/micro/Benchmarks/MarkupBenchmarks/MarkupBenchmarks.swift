import Benchmark
import WartaMarkup

/// What a cache miss, a save in the newsroom and a comment cost in WartaMarkup, on inputs shaped like real ones.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(3),
        maxIterations: 200_000
    )

    let markdown = Inputs.articleMarkdown
    let articleHTML = MarkdownRenderer.render(markdown).html

    Benchmark("Markdown to sanitized HTML, \(markdown.utf8.count / 1024) KB article") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(MarkdownRenderer.render(markdown)) }
    }
    Benchmark("Sanitize stored article HTML, \(articleHTML.utf8.count / 1024) KB (article policy)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Sanitizer.sanitize(articleHTML, policy: .article)) }
    }
    Benchmark("Take stored HTML of the current sanitizer revision") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SanitizedHTML.stored(articleHTML, revision: Sanitizer.revision, policy: .article))
        }
    }
    Benchmark("Sanitize a hostile comment, \(Inputs.hostileComment.utf8.count) B (comment policy)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Sanitizer.sanitize(Inputs.hostileComment, policy: .comment)) }
    }
    Benchmark("Plain text of the whole article HTML") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(TextExtractor.plainText(fromHTML: articleHTML)) }
    }
    Benchmark("Plain text for a meta description (stops after 160 characters)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(TextExtractor.plainText(fromHTML: articleHTML, stoppingAfter: 160))
        }
    }
}

/// Inputs written for these benchmarks (no copied prose): an Indonesian news article in Markdown with the
/// constructs newsrooms use, and a comment made of the usual attack shapes.
enum Inputs {
    static let paragraph = """
        Pemerintah kota menambah **dua puluh** titik pengisian air bersih di kawasan pesisir utara setelah musim \
        kemarau memanjang. Warga yang sebelumnya membeli air jeriken kini cukup membawa wadah ke pos terdekat, \
        kata petugas dinas yang ditemui di lokasi pada Selasa pagi. Data [dinas terkait](https://contoh.go.id/air) \
        mencatat kebutuhan harian naik hampir _sepertiga_ dibanding tahun lalu.
        """

    static let articleMarkdown: String = {
        var parts: [String] = []
        for section in 1...4 {
            parts.append("## Bagian \(section): perkembangan di lapangan")
            parts.append(paragraph)
            parts.append("> \"Kami antre sejak subuh, sekarang jauh lebih dekat,\" ujar seorang warga.")
            parts.append(paragraph)
            parts.append("- titik baru di kelurahan A\n- jam layanan 06.00–18.00\n- ~~gratis~~ tarif subsidi")
            parts.append("![Antrean warga di pos air](https://cdn.contoh.id/foto/\(section).jpg){width=800 height=533}")
        }
        parts.append(
            "| Kecamatan | Titik | Warga terlayani |\n|---|---:|---:|\n| Utara | 8 | 12.400 |\n| Pesisir | 12 | 18.900 |"
        )
        return parts.joined(separator: "\n\n")
    }()

    static let hostileComment = """
        <p>Setuju!<script>alert(1)</script> <a href="javascript&colon;alert(2)" onclick="x()">tautan</a>
        <img src=x onerror=alert(3)><svg><animate onbegin=alert(4)></svg><b>tebal<i>miring</b></i>
        <a href="https://contoh.id/ok" target=_blank>baik</a><style>*{display:none}</style><!-- <script> -->
        <iframe srcdoc="<script>alert(5)</script>"></iframe><math><mi xlink:href="javascript:alert(6)">x</mi></math>
        <p style="background:url(javascript:alert(7))">gaya</p><noscript><p title="</noscript><img src=x onerror=alert(8)>">
        """
}
