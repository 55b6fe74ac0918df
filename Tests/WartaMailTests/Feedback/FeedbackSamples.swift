import Foundation

@testable import WartaMail

/// Bounce and complaint messages written for these tests in the shapes real servers send (Postfix, Exchange,
/// Exim, a mailbox provider's feedback loop). Addresses use reserved example domains.
enum FeedbackSamples {
    static let key = [UInt8](repeating: 0x5A, count: 32)
    static let firstID = "0f3c5a7e9b1d4c2f8a6e0d9c7b5a3f1e"
    static let secondID = "7d2e4f6a8c0b1d3e5f7a9c1b3d5e7f90"

    static func verp() throws -> VERPAddress {
        try VERPAddress(prefix: "bounces", domain: "kabar.example", key: key)
    }

    static func reader(maxMessageBytes: Int = FeedbackReader.defaultMaxMessageBytes) throws -> FeedbackReader {
        FeedbackReader(verp: try verp(), maxMessageBytes: maxMessageBytes)
    }

    static func returnPath(_ id: String = firstID) throws -> String {
        try verp().address(for: id).description
    }

    static func crlf(_ text: String) -> [UInt8] {
        Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    /// Postfix, recipient unknown at the remote side (5.1.1); LF line ends as a local pipe delivers them.
    static func postfixUserUnknown() throws -> [UInt8] {
        let verp = try returnPath()
        return Array(
            """
            Return-Path: <>
            Delivered-To: \(verp)
            Received: by mx1.kabar.example (Postfix)
            \tid 8C1D02A3F4; Tue,  8 Dec 2026 08:12:03 +0700 (WIB)
            Date: Tue,  8 Dec 2026 08:12:03 +0700 (WIB)
            From: MAILER-DAEMON@mx1.kabar.example (Mail Delivery System)
            Subject: Undelivered Mail Returned to Sender
            To: \(verp)
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="8C1D02A3F4.1796690000/mx1.kabar.example"
            Content-Transfer-Encoding: 8bit
            Message-Id: <20261208011203.5E2B1A3F4@mx1.kabar.example>

            This is a MIME-encapsulated message.

            --8C1D02A3F4.1796690000/mx1.kabar.example
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mx1.kabar.example.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            <tidak.ada@pembaca.example>: host mx.pembaca.example[192.0.2.25] said: 550
                5.1.1 <tidak.ada@pembaca.example>: Recipient address rejected: User unknown
                in virtual mailbox table (in reply to RCPT TO command)

            --8C1D02A3F4.1796690000/mx1.kabar.example
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx1.kabar.example
            X-Postfix-Queue-ID: 8C1D02A3F4
            X-Postfix-Sender: rfc822; \(verp)
            Arrival-Date: Tue,  8 Dec 2026 08:11:58 +0700 (WIB)

            Final-Recipient: rfc822; tidak.ada@pembaca.example
            Original-Recipient: rfc822;tidak.ada@pembaca.example
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.pembaca.example
            Diagnostic-Code: smtp; 550 5.1.1 <tidak.ada@pembaca.example>: Recipient address
                rejected: User unknown in virtual mailbox table

            --8C1D02A3F4.1796690000/mx1.kabar.example
            Content-Description: Undelivered Message Headers
            Content-Type: text/rfc822-headers

            Return-Path: <\(verp)>
            Date: Tue, 08 Dec 2026 08:11:57 +0700
            From: Kabar Harian <redaksi@kabar.example>
            To: tidak.ada@pembaca.example
            Subject: Berita pagi
            Message-ID: <5f0c9e1a2b3c4d5e6f708192a3b4c5d6@kabar.example>

            --8C1D02A3F4.1796690000/mx1.kabar.example--

            """.utf8)
    }

    /// Postfix telling the sender a message is still queued (4.4.1); the VERP address arrives uppercased in `To`.
    static func postfixDelayed() throws -> [UInt8] {
        let verp = try returnPath(secondID).uppercased()
        return crlf(
            """
            From: MAILER-DAEMON@mx1.kabar.example (Mail Delivery System)
            Subject: Delayed Mail (still being retried)
            To: <\(verp)>
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B7A1.1796700000/mx1"

            --B7A1.1796700000/mx1
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mx1.kabar.example.
            Your message could not be delivered for 4.0 hours. It will be retried until it is 5.0 days old.

            --B7A1.1796700000/mx1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx1.kabar.example
            Arrival-Date: Tue,  8 Dec 2026 04:00:01 +0700 (WIB)

            Final-Recipient: rfc822; budi@lambat.example
            Action: delayed
            Status: 4.4.1
            Diagnostic-Code: X-Postfix; connect to mx.lambat.example[198.51.100.7]:25:
                Connection timed out
            Will-Retry-Until: Sun, 13 Dec 2026 04:00:01 +0700 (WIB)

            --B7A1.1796700000/mx1--
            """)
    }

    /// One report for four recipients: a full mailbox, a delivered copy, a greylisting give-up, a relayed copy.
    static func mixedRecipients() throws -> [UInt8] {
        let verp = try returnPath()
        return crlf(
            """
            Delivered-To: \(verp)
            From: Mail Delivery Subsystem <mailer-daemon@relay.kabar.example>
            To: \(verp)
            Subject: Delivery Status Notification
            MIME-Version: 1.0
            Content-Type: multipart/report; boundary=mix42; report-type="delivery-status"

            --mix42
            Content-Type: text/plain

            Some recipients of your message could not be reached.
            --mix42
            Content-Type: message/delivery-status

            Reporting-MTA: dns; relay.kabar.example
            Original-Envelope-Id: not-a-token

            Final-Recipient: rfc822; penuh@pembaca.example
            Action: failed
            Status: 5.2.2 (mailbox full)
            Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

            Final-Recipient: rfc822; sampai@pembaca.example
            Action: delivered
            Status: 2.0.0

            Final-Recipient: RFC822; <abu@grey.example>
            Action: failed
            Status: 4.7.1
            Diagnostic-Code: smtp; 450 4.7.1 Try again later (greylisted), giving up

            Final-Recipient: rfc822; diteruskan@lama.example
            Action: relayed
            Status: 2.0.0
            --mix42--
            """)
    }
}
