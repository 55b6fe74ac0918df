import Crypto
import Foundation

/// A static file served at `/assets/{name}.{contenthash}.{ext}` (CONTRACTS.md): the name changes with the content,
/// so browsers may keep it for a year.
struct HashedAsset: Sendable {
    /// `name.hash.ext`, the last segment of the path.
    let file: String
    let contentType: String
    let bytes: Data

    init(name: String, ext: String, contentType: String, content: String) {
        bytes = Data(content.utf8)
        file = "\(name).\(Digits.hex(SHA256.hash(data: bytes).prefix(6))).\(ext)"
        self.contentType = contentType
    }

    var path: String { "/assets/" + file }

    /// Every asset the site serves.
    static let all = [Stylesheet.asset, SiteIcon.asset]
}
