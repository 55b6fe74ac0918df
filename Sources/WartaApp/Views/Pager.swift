extension HTML {
    /// Links to the pages before and after `page` in a `nav.pager`; nothing when everything fits on one page.
    /// `relations` adds rel="prev"/"next", which public lists carry.
    mutating func pager(
        page: Int, hasMore: Bool, path: (Int) -> String, back: String, forward: String, relations: Bool = false
    ) {
        guard page > 1 || hasMore else { return }
        element("nav", [.class("pager")]) { nav in
            if page > 1 {
                nav.element("a", [.href(path(page - 1)), relations ? Attribute("rel", "prev") : nil], text: back)
            }
            if hasMore {
                nav.element("a", [.href(path(page + 1)), relations ? Attribute("rel", "next") : nil], text: forward)
            }
        }
    }
}
