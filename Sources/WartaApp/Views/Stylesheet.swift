import Foundation

/// The one public stylesheet: mobile first, system fonts, no framework. Served under a content-hash name.
enum Stylesheet {
    static let css = """
        :root{--ink:#1b1b1b;--muted:#5c5c5c;--line:#e2e2e2;--accent:#b3261e;--bg:#fff;--radius:6px;\
        font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.55;color:var(--ink)}
        *{box-sizing:border-box}body{margin:0;background:var(--bg)}
        .wrap{max-width:42rem;margin:0 auto;padding:0 1rem}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem}
        .masthead{border-bottom:3px solid var(--accent);padding:.75rem 0}
        .site-name{font-size:1.6rem;font-weight:800;color:var(--ink);text-decoration:none}
        .today{margin:.1rem 0 0;color:var(--muted);font-size:.9rem}
        .langs{font-size:.85rem;margin-top:.3rem}.langs a{margin-right:.6rem;color:var(--muted)}
        .langs a[aria-current]{color:var(--ink);font-weight:700}
        main{padding:1rem 0 2rem}h1{font-size:1.7rem;line-height:1.2;margin:.5rem 0}
        .dek{font-size:1.1rem;color:var(--muted);margin:.25rem 0 .75rem}
        .byline{font-size:.9rem;color:var(--muted);border-top:1px solid var(--line);\
        border-bottom:1px solid var(--line);padding:.4rem 0}
        .body img{max-width:100%;height:auto}.body figure img:not([width]){width:100%;aspect-ratio:3/2;object-fit:contain}.body figure{margin:1rem 0}.body figcaption{font-size:.85rem;color:var(--muted)}
        .body blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid var(--accent);color:#333}
        .body table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}
        .body th,.body td{border:1px solid var(--line);padding:.3rem .5rem}
        .body pre{overflow-x:auto;background:#f6f6f6;padding:.6rem}
        .source{font-size:.9rem;color:var(--muted)}.meta a{margin-right:.5rem}
        .related h2,.list h2{font-size:1.1rem;border-bottom:1px solid var(--line);padding-bottom:.3rem}
        .related ul,.list ul{list-style:none;padding:0;margin:0}.related li,.list li{padding:.45rem 0;\
        border-bottom:1px solid var(--line)}.list h3{margin:0;font-size:1.1rem}.list p{margin:.2rem 0;color:var(--muted)}
        a{color:var(--accent)}.list a,.related a{color:var(--ink);text-decoration:none}
        .pager{display:flex;justify-content:space-between;margin-top:1rem}
        .newsletter{margin-top:1.5rem;padding:1rem;border:1px solid var(--line);border-radius:var(--radius)}
        .newsletter h2{font-size:1.1rem;margin:0 0 .3rem}.newsletter p{margin:.2rem 0 .6rem}
        .newsletter form{display:flex;flex-wrap:wrap;gap:.5rem}.newsletter label{flex-basis:100%;font-size:.9rem}
        .newsletter input{flex:1 1 12rem;padding:.5rem;font:inherit;border:1px solid #8a8a8a;border-radius:var(--radius)}
        main button{padding:.5rem 1rem;font:inherit;background:var(--accent);color:#fff;border:0;\
        border-radius:var(--radius)}.error{color:var(--accent);font-weight:600}
        .newsletter .hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
        footer{border-top:1px solid var(--line);color:var(--muted);font-size:.85rem;padding:1rem 0}
        """

    static let asset = HashedAsset(name: "site", ext: "css", contentType: "text/css; charset=utf-8", content: css)
    static var bytes: Data { asset.bytes }
    static let path = asset.path
}
