extension SMTPTestServer {
    /// Senders starting `blocked` get 550; recipients starting `refuse` get 550, `later` get 451; `dataReply` replaces the 250 after the final dot.
    static let script = #"""
        import asyncio, json, os, socket, ssl, sys, threading, time
        cfg = json.loads(sys.argv[1])

        def free_port():
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
            s.close()
            return port

        def context():
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(cfg["cert"], cfg["key"])
            return ctx

        def scripted(conn, mode):
            # A bare-bones server for what aiosmtpd will not do: refuse EHLO, answer garbage, stall or hang up
            # in the middle of DATA.
            f = conn.makefile("rb")
            def send(line):
                conn.sendall(line.encode() + b"\r\n")
            send("not an smtp greeting" if mode == "garbage" else "220 raw.test ESMTP")
            while True:
                line = f.readline()
                if not line:
                    return
                verb = line[:4].upper()
                if mode == "stallAfterGreeting":
                    continue
                if verb == b"EHLO" and mode == "starttlsInject":
                    send("250-raw.test")
                    send("250 STARTTLS")
                elif verb == b"STAR":
                    conn.sendall(b"220 ready\r\n250 injected in plaintext\r\n")
                elif verb == b"EHLO":
                    send("502 5.5.1 EHLO not implemented" if mode == "helo" else "250 raw.test")
                elif verb == b"DATA":
                    send("354 go ahead")
                    if mode == "dropInData":
                        f.readline()
                        conn.close()
                        return
                    while f.readline() not in (b".\r\n", b""):
                        pass
                    if mode == "stallAtDataEnd":
                        time.sleep(30)
                    send("250 2.0.0 queued")
                    if mode == "closeAfterMessage":
                        conn.close()
                        return
                elif verb == b"QUIT":
                    send("221 bye")
                    return
                else:
                    send("250 OK")

        def raw_server(mode):
            srv = socket.socket()
            srv.bind(("127.0.0.1", 0))
            srv.listen(8)
            print(srv.getsockname()[1], flush=True)
            held = []
            def serve():
                while True:
                    conn, _ = srv.accept()
                    if mode == "greeting421":
                        conn.sendall(b"421 4.3.2 shutting down\r\n")
                        conn.close()
                    elif mode == "stall":
                        held.append(conn)
                    else:
                        threading.Thread(target=scripted, args=(conn, mode), daemon=True).start()
            threading.Thread(target=serve, daemon=True).start()
            sys.stdin.read()

        if cfg["mode"] != "smtp":
            raw_server(cfg["mode"])
            sys.exit(0)

        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        class Handler:
            count = 0
            async def handle_EHLO(self, server, session, envelope, hostname, responses):
                session.host_name = hostname
                if cfg["pipelining"]:
                    responses.insert(1, "250-PIPELINING")
                return responses
            async def handle_MAIL(self, server, session, envelope, address, mail_options):
                if address.startswith("blocked"):
                    return "550 5.7.1 sender blocked"
                envelope.mail_from = address
                envelope.mail_options.extend(mail_options)
                return "250 2.1.0 OK"
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address.startswith("refuse"):
                    return "550 5.1.1 <%s>: no such user" % address
                if address.startswith("later"):
                    return "451 4.3.0 mailbox busy"
                envelope.rcpt_tos.append(address)
                return "250 2.1.5 OK"
            async def handle_DATA(self, server, session, envelope):
                if cfg.get("dataReply"):
                    return cfg["dataReply"]
                Handler.count += 1
                record = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                          "mail_options": envelope.mail_options, "peer_port": session.peer[1],
                          "data": envelope.original_content.decode("utf-8", "replace"),
                          "login": session.auth_data.login.decode() if session.authenticated else None}
                path = os.path.join(cfg["dir"], "%05d.json" % Handler.count)
                with open(path + ".tmp", "w") as f:
                    json.dump(record, f)
                os.rename(path + ".tmp", path)
                return "250 2.0.0 queued as %d" % Handler.count

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login == b"rina" and auth_data.password == b"s3cret:%/"
            return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

        kwargs = dict(data_size_limit=cfg["sizeLimit"], enable_SMTPUTF8=cfg["smtputf8"], )
        if cfg["starttls"]:
            kwargs.update(tls_context=context(), require_starttls=True)
        if cfg["auth"]:
            # aiosmtpd counts only STARTTLS as TLS; an implicit-TLS listener is encrypted from the start.
            kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=not cfg["implicitTLS"])
            if cfg["authLoginOnly"]:
                kwargs.update(auth_exclude_mechanism=["PLAIN"])
        port = free_port()
        ssl_ctx = context() if cfg["implicitTLS"] else None
        controller = Controller(Handler(), hostname="127.0.0.1", port=port, ssl_context=ssl_ctx, server_hostname="sink.test", **kwargs)
        controller.start()
        print(port, flush=True)
        sys.stdin.read()
        controller.stop()
        """#
}
