import Foundation

/// The browser-tab icon: a white "W" on the masthead's ink, as a 256-byte SVG under a content-hash name. Linked
/// from every page so browsers do not ask for `/favicon.ico`, which would be a 404 render for each new visitor.
enum SiteIcon {
    static let svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" \
        fill="#1b1b1b"/><path d="M5.5 9l5 15 5.5-11.5 5.5 11.5 5-15" fill="none" stroke="#fff" stroke-width="3.2" \
        stroke-linecap="round" stroke-linejoin="round"/></svg>
        """

    static let asset = HashedAsset(name: "icon", ext: "svg", contentType: "image/svg+xml", content: svg)
    static var bytes: Data { asset.bytes }
    static let path = asset.path
}

extension HTML {
    mutating func iconLink() {
        open("link", [Attribute("rel", "icon"), Attribute("type", "image/svg+xml"), .href(SiteIcon.path)])
    }
}
