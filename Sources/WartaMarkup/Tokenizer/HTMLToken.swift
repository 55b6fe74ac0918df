/// One attribute of a start tag, name lowercased and value with character references decoded.
struct HTMLAttribute: Equatable, Sendable {
    var name: String
    var value: String
}

/// A start tag as produced by the tokenizer.
struct HTMLStartTag: Equatable, Sendable {
    var name: String
    var attributes: [HTMLAttribute]
    var selfClosing: Bool

    init(name: String, attributes: [HTMLAttribute] = [], selfClosing: Bool = false) {
        self.name = name
        self.attributes = attributes
        self.selfClosing = selfClosing
    }

    /// The value of the first attribute called `name`, if any.
    func value(of name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

/// The tokens the tokenizer emits. DOCTYPEs, CDATA in HTML content and processing
/// instructions all come out as comments, which is what the spec's bogus comment state does.
enum HTMLToken: Equatable, Sendable {
    case startTag(HTMLStartTag)
    case endTag(String)
    case text(String)
    case comment(String)
}
