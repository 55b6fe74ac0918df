import Foundation

@testable import WartaMail

extension FeedbackSamples {
    static func base64Lines(_ text: String) -> String {
        Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
    }

    /// An Exchange-style non-delivery report: nested multipart/alternative, the status part in base64, the whole
    /// original returned, which names the message by a tagged `X-Warta-Message-ID` only.
    static func exchangeBase64() throws -> [UInt8] {
        let token = try verp().token(for: secondID)
        let status = base64Lines(
            """
            Reporting-MTA: dns;EX01.pembaca.example
            Received-From-MTA: dns;relay.kabar.example
            Arrival-Date: Tue, 8 Dec 2026 01:20:00 +0000

            Original-Recipient: rfc822;Siti.Rahma@pembaca.example
            Final-Recipient: rfc822;siti.rahma@pembaca.example
            Action: failed
            Status: 5.1.10
            Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup

            """)
        let note = base64Lines("Delivery has failed to these recipients or groups:\n\nsiti.rahma@pembaca.example\n")
        return crlf(
            """
            From: postmaster@pembaca.example
            To: noreply@kabar.example
            Subject: Undeliverable: Berita pagi
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="_000_DSN_EX01_"
            MIME-Version: 1.0

            --_000_DSN_EX01_
            Content-Type: multipart/alternative; differences=Content-Type;
            \tboundary="_001_DSN_EX01_"

            --_001_DSN_EX01_
            Content-Type: text/plain; charset="utf-8"
            Content-Transfer-Encoding: base64

            \(note)
            --_001_DSN_EX01_
            Content-Type: text/html; charset="utf-8"
            Content-Transfer-Encoding: quoted-printable

            <p>Delivery has failed to these recipients or groups:</p><p>siti.rahma=40pemba=
            ca.example</p>
            --_001_DSN_EX01_--

            --_000_DSN_EX01_
            Content-Type: message/delivery-status
            Content-Transfer-Encoding: base64

            \(status)
            --_000_DSN_EX01_
            Content-Type: message/rfc822

            From: Kabar Harian <redaksi@kabar.example>
            To: Siti Rahma <siti.rahma@pembaca.example>
            Subject: Berita pagi
            Message-ID: <aa11bb22cc33dd44@kabar.example>
            X-Warta-Message-ID: \(token)
            Content-Type: text/plain; charset=utf-8

            Halo Siti,
            --_000_DSN_EX01_--
            """)
    }

    /// A mailbox provider's feedback loop (ARF): the recipient pressed "spam"; the returned message carries the VERP
    /// Return-Path and the recipient's `To`.
    static func complaint(feedbackType: String = "abuse", rcptTo: Bool = true) throws -> [UInt8] {
        let verp = try returnPath()
        let rcpt = rcptTo ? "Original-Rcpt-To: <rina@pembaca.example>\n" : ""
        return crlf(
            """
            From: Feedback Loop <fbl@arf.pembaca.example>
            To: abuse@kabar.example
            Subject: FW: Berita pagi
            Date: Tue, 08 Dec 2026 02:15:00 +0000
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=feedback-report;
            \tboundary="----=_arf_7731"

            ------=_arf_7731
            Content-Type: text/plain; charset="US-ASCII"
            Content-Transfer-Encoding: 7bit

            This is an email abuse report for a message received from IP 203.0.113.9 on
            Tue, 08 Dec 2026 01:05:00 +0000.

            ------=_arf_7731
            Content-Type: message/feedback-report

            Feedback-Type: \(feedbackType)
            User-Agent: PembacaFBL/1.0
            Version: 1
            Original-Mail-From: <\(verp)>
            \(rcpt)Arrival-Date: Tue, 08 Dec 2026 01:05:00 +0000
            Source-IP: 203.0.113.9
            Reported-Domain: kabar.example

            ------=_arf_7731
            Content-Type: message/rfc822
            Content-Disposition: inline

            Return-Path: <\(verp)>
            Received: from mail.kabar.example (mail.kabar.example [203.0.113.9])
            \tby mx.pembaca.example with ESMTPS; Tue, 08 Dec 2026 01:05:00 +0000
            From: Kabar Harian <redaksi@kabar.example>
            To: Rina <rina@pembaca.example>
            Subject: Berita pagi
            Message-ID: <5f0c9e1a2b3c4d5e6f708192a3b4c5d6@kabar.example>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Halo Rina,

            Berita hari ini.
            ------=_arf_7731--
            """)
    }

    /// An out-of-office reply sent to the Return-Path: not a bounce.
    static func vacation() throws -> [UInt8] {
        crlf(
            """
            From: Rina <rina@pembaca.example>
            To: \(try returnPath())
            Subject: Out of Office: Berita pagi
            Auto-Submitted: auto-replied
            Content-Type: text/plain; charset=utf-8

            Saya sedang cuti sampai 14 Desember.
            """)
    }

    /// Exim without DSN: the failure in prose and `X-Failed-Recipients`.
    static func eximPlainBounce() throws -> [UInt8] {
        let verp = try returnPath()
        return Array(
            """
            Envelope-to: \(verp)
            From: Mail Delivery System <Mailer-Daemon@mail.kabar.example>
            To: \(verp)
            Subject: Mail delivery failed: returning message to sender
            X-Failed-Recipients: hilang@pembaca.example
            Auto-Submitted: auto-replied

            This message was created automatically by mail delivery software.

            A message that you sent could not be delivered to one or more of its
            recipients. This is a permanent error. The following address(es) failed:

              hilang@pembaca.example
                host mx.pembaca.example [192.0.2.25]
                SMTP error from remote mail server after RCPT TO:<hilang@pembaca.example>:
                550 5.1.1 <hilang@pembaca.example>: Recipient address rejected: User unknown

            """.utf8)
    }
}
