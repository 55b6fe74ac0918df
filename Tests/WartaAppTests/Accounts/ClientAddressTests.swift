import Foundation
import Testing

@testable import WartaApp

@Suite struct ClientAddressTests {
    @Test func addressesParseInCanonicalForm() throws {
        #expect(IPAddress("192.0.2.7")?.description == "192.0.2.7")
        #expect(IPAddress("2001:DB8:0:0:0:0:0:1")?.description == "2001:db8::1")
        #expect(IPAddress("::ffff:192.0.2.7") == IPAddress("192.0.2.7"))
        #expect(IPAddress("fe80::1%eth0")?.description == "fe80::1")
        for bad in ["", "unknown", "_hidden", "192.0.2", "192.0.2.256", "1.2.3.4.5", "2001:db8::1::2", "::g"] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
    }

    @Test func ipv6IsLimitedByItsSlash64() throws {
        let one = try #require(IPAddress("2001:db8:1:2:aaaa::1"))
        let other = try #require(IPAddress("2001:db8:1:2:bbbb::9"))
        #expect(one.rateLimitKey == "2001:db8:1:2::/64")
        #expect(one.rateLimitKey == other.rateLimitKey)
        #expect(IPAddress("2001:db8:1:3::1")?.rateLimitKey == "2001:db8:1:3::/64")
        #expect(IPAddress("192.0.2.7")?.rateLimitKey == "192.0.2.7")
    }

    @Test func cidrsMatchTheirNetworkOnly() throws {
        let ten = try #require(CIDR("10.0.0.0/8"))
        #expect(ten.contains(try #require(IPAddress("10.200.3.4"))))
        #expect(!ten.contains(try #require(IPAddress("11.0.0.1"))))
        #expect(!ten.contains(try #require(IPAddress("::ffff:11.0.0.1"))))
        let odd = try #require(CIDR("192.168.0.0/23"))
        #expect(odd.contains(try #require(IPAddress("192.168.1.255"))))
        #expect(!odd.contains(try #require(IPAddress("192.168.2.0"))))
        let v6 = try #require(CIDR("fd00::/8"))
        #expect(v6.contains(try #require(IPAddress("fd12:3456::1"))))
        #expect(!v6.contains(try #require(IPAddress("10.0.0.1"))))
        #expect(CIDR("127.0.0.1")?.contains(try #require(IPAddress("127.0.0.1"))) == true)
        #expect(CIDR(" ::1 ")?.prefixLength == 128)
        #expect(CIDR("0.0.0.0/0")?.contains(try #require(IPAddress("8.8.8.8"))) == true)
        for bad in ["10.0.0.0/33", "fd00::/129", "10.0.0.0/-1", "10.0.0.0/", "10.0.0/8", "localhost", "10.0.0.0/8/8"] {
            #expect(CIDR(bad) == nil, "\(bad)")
        }
    }

    @Test func anUntrustedPeersForwardingHeadersAreIgnored() throws {
        let proxies = try TrustedProxies(parsing: "10.0.0.0/8")
        let peer = IPAddress("198.51.100.9")
        let client = proxies.clientAddress(
            peer: peer, forwardedFor: ["203.0.113.1"], forwarded: ["for=203.0.113.2"])
        #expect(client == peer)
        #expect(TrustedProxies.none.clientAddress(peer: peer, forwardedFor: ["127.0.0.1"], forwarded: []) == peer)
    }

    @Test func aTrustedChainIsWalkedFromTheRight() throws {
        let proxies = try TrustedProxies(parsing: "10.0.0.0/8, fd00::/8")
        let nginx = IPAddress("10.0.0.2")
        // The client wrote "6.6.6.6" itself; the first untrusted hop from the right is the client.
        let chain = ["6.6.6.6, 203.0.113.5", "10.0.0.7"]
        #expect(proxies.clientAddress(peer: nginx, forwardedFor: chain, forwarded: []) == IPAddress("203.0.113.5"))
        // Every hop trusted: the leftmost one.
        #expect(proxies.clientAddress(peer: nginx, forwardedFor: ["10.1.1.1"], forwarded: []) == IPAddress("10.1.1.1"))
        // A hop with no address stops the walk at the trusted hop that reported it.
        let garbled = proxies.clientAddress(peer: nginx, forwardedFor: ["203.0.113.5, nonsense"], forwarded: [])
        #expect(garbled == nginx)
        // No header: the proxy itself.
        #expect(proxies.clientAddress(peer: nginx, forwardedFor: [], forwarded: []) == nginx)
        #expect(proxies.clientAddress(peer: nil, forwardedFor: ["203.0.113.5"], forwarded: []) == nil)
    }

    @Test func forwardedHeaderIsReadPerRFC7239() throws {
        let proxies = try TrustedProxies(parsing: "10.0.0.0/8")
        let lines = [
            #"for=192.0.2.60;proto=http;by=203.0.113.43, For="[2001:db8:cafe::17]:4711""#,
            #"for="10.0.0.9:8080";host="a,b""#,
        ]
        #expect(
            TrustedProxies.forwardedForValues(lines) == [
                "192.0.2.60", #""[2001:db8:cafe::17]:4711""#, #""10.0.0.9:8080""#,
            ])
        let client = proxies.clientAddress(peer: IPAddress("10.0.0.1"), forwardedFor: [], forwarded: lines)
        #expect(client == IPAddress("2001:db8:cafe::17"))
        // X-Forwarded-For wins when both are present (what common proxies append to).
        let both = proxies.clientAddress(
            peer: IPAddress("10.0.0.1"), forwardedFor: ["203.0.113.8"], forwarded: ["for=203.0.113.9"])
        #expect(both == IPAddress("203.0.113.8"))
        #expect(TrustedProxies.nodeAddress("192.0.2.1:4711") == IPAddress("192.0.2.1"))
        #expect(TrustedProxies.nodeAddress("2001:db8::1") == IPAddress("2001:db8::1"))
        #expect(TrustedProxies.nodeAddress("unknown") == nil)
    }

    @Test("A bad WARTA_TRUSTED_PROXIES entry is a config error naming the variable")
    func badCIDRIsAConfigError() throws {
        let config = try AppConfig.fromEnvironment(["WARTA_TRUSTED_PROXIES": "127.0.0.1/32, ::1, 10.0.0.0/8"])
        #expect(config.trustedProxies.ranges.count == 3)
        for bad in ["10.0.0.0/33", "10.0.0.0/8, nginx", "fd00::/200"] {
            do {
                _ = try AppConfig.fromEnvironment(["WARTA_TRUSTED_PROXIES": bad])
                Issue.record("accepted \(bad)")
            } catch let error as ConfigError {
                #expect(error.variable == "WARTA_TRUSTED_PROXIES")
                #expect(error.description.hasPrefix("WARTA_TRUSTED_PROXIES: "))
                #expect(!error.description.contains("\n"))
            }
        }
    }

    @Test func badCIDRExits2WithOneLine() throws {
        let run = try CommandLineTests().run(["migrate"], environment: ["WARTA_TRUSTED_PROXIES": "10.0.0.0/33"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("warta: WARTA_TRUSTED_PROXIES: '10.0.0.0/33' is not an address or CIDR"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }
}
