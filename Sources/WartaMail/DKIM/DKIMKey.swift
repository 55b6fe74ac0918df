import Crypto
import Foundation
import _CryptoExtras

/// Why a DKIM key or signature could not be made.
public enum DKIMError: Error, Equatable, Sendable {
    /// The key text is neither an RSA private key in PEM nor a base64 Ed25519 seed of 32 bytes.
    case invalidKey
    /// RSA keys shorter than 1024 bits are refused by verifiers (RFC 8301 §3.2); Warta generates 2048.
    case keyTooSmall(bits: Int)
    /// The crypto library failed to generate a key or a signature.
    case cryptoFailure(String)
    /// The message has no blank line between header and body, or a header line without a colon.
    case malformedMessage
    /// RFC 6376 §5.4: the From field must be signed, so a message without one cannot be.
    case missingFromHeader
    /// A domain or selector with characters other than letters, digits, `-`, `_` and `.`.
    case invalidDomainOrSelector(String)
}

/// A DKIM private key: rsa-sha256 (RFC 6376) or ed25519-sha256 (RFC 8463).
public struct DKIMKey: Sendable {
    // swift-crypto's Curve25519 key is not Sendable, so the Ed25519 key is kept as its 32-byte seed.
    private enum Storage: Sendable {
        case rsa(_RSA.Signing.PrivateKey)
        case ed25519(seed: [UInt8])
    }

    private let storage: Storage

    /// Wraps an RSA key (use 2048 bits, RFC 8301).
    public init(rsa key: _RSA.Signing.PrivateKey) {
        storage = .rsa(key)
    }

    /// Wraps an Ed25519 key.
    public init(ed25519 key: Curve25519.Signing.PrivateKey) {
        storage = .ed25519(seed: Array(key.rawRepresentation))
    }

    private var ed25519Key: Curve25519.Signing.PrivateKey? {
        guard case .ed25519(let seed) = storage else { return nil }
        return try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    /// A new 2048-bit RSA key.
    /// - Throws: ``DKIMError/cryptoFailure(_:)`` when the crypto library cannot make one.
    public static func generateRSA() throws(DKIMError) -> DKIMKey {
        do {
            return DKIMKey(rsa: try _RSA.Signing.PrivateKey(keySize: .bits2048))
        } catch {
            throw .cryptoFailure("\(error)")
        }
    }

    /// A new Ed25519 key.
    public static func generateEd25519() -> DKIMKey {
        DKIMKey(ed25519: Curve25519.Signing.PrivateKey())
    }

    /// Reads what ``privateKeyText`` wrote: an RSA key in PEM (PKCS#1 or PKCS#8), or the base64 of a 32-byte
    /// Ed25519 seed.
    /// - Throws: ``DKIMError/invalidKey`` for anything else, ``DKIMError/keyTooSmall(bits:)`` for short RSA keys.
    public init(privateKeyText text: String) throws(DKIMError) {
        let trimmed = String(text.trimmingWhitespace())
        if trimmed.hasPrefix("-----BEGIN") {
            let key: _RSA.Signing.PrivateKey
            do {
                key = try _RSA.Signing.PrivateKey(unsafePEMRepresentation: trimmed)
            } catch {
                throw .invalidKey
            }
            guard key.keySizeInBits >= 1024 else { throw .keyTooSmall(bits: key.keySizeInBits) }
            storage = .rsa(key)
            return
        }
        guard let seed = Data(base64Encoded: trimmed), seed.count == 32,
            (try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)) != nil
        else { throw .invalidKey }
        storage = .ed25519(seed: Array(seed))
    }

    /// The key as text to store in settings: PEM for RSA, base64 of the 32-byte seed for Ed25519. Secret.
    public var privateKeyText: String {
        switch storage {
        case .rsa(let key): key.pemRepresentation
        case .ed25519(let seed): Base64.encode(seed)
        }
    }

    /// The `a=` tag value.
    public var algorithm: String {
        switch storage {
        case .rsa: "rsa-sha256"
        case .ed25519: "ed25519-sha256"
        }
    }

    /// The `p=` value: RSA as SubjectPublicKeyInfo DER (RFC 6376 §3.6.1), Ed25519 as the raw 32 bytes (RFC 8463 §4),
    /// both base64.
    public var publicKeyBase64: String {
        switch storage {
        case .rsa(let key): Base64.encode(key.publicKey.derRepresentation)
        case .ed25519: Base64.encode(ed25519Key?.publicKey.rawRepresentation ?? Data())
        }
    }

    /// The TXT record text to publish at `<selector>._domainkey.<domain>`: `v=DKIM1; k=rsa; p=…` or
    /// `v=DKIM1; k=ed25519; p=…`.
    public var dnsRecord: String {
        switch storage {
        case .rsa: "v=DKIM1; k=rsa; p=" + publicKeyBase64
        case .ed25519: "v=DKIM1; k=ed25519; p=" + publicKeyBase64
        }
    }

    /// ``dnsRecord`` cut into strings of at most 255 octets, as one TXT record holds them (RFC 1035 §3.3.14);
    /// resolvers join them back.
    public var dnsRecordStrings: [String] {
        let bytes = Array(dnsRecord.utf8)
        return stride(from: 0, to: bytes.count, by: 255).map { start in
            String(decoding: bytes[start..<min(start + 255, bytes.count)], as: UTF8.self)
        }
    }

    /// Signs the SHA-256 of `data`: RSASSA-PKCS1-v1_5 for RSA (RFC 6376 §3.3.1); for Ed25519, PureEdDSA over the
    /// 32-byte hash itself, as RFC 8463 §3 defines ed25519-sha256.
    func signature(for data: [UInt8]) throws(DKIMError) -> [UInt8] {
        let digest = SHA256.hash(data: data)
        do {
            switch storage {
            case .rsa(let key):
                return Array(try key.signature(for: digest, padding: .insecurePKCS1v1_5).rawRepresentation)
            case .ed25519(let seed):
                let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
                return Array(try key.signature(for: Array(digest)))
            }
        } catch {
            throw .cryptoFailure("\(error)")
        }
    }
}
