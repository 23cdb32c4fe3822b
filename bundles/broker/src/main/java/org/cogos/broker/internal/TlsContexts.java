package org.cogos.broker.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/** The TLS listener's context, from PEM files as Mosquitto takes them (certfile, keyfile, cafile). */
final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * The JDK's TLS (no native OpenSSL to ship), TLS 1.3 and 1.2 only. With a robot CA, a client certificate is
     * asked for (required if so configured) and must chain to that CA.
     *
     * @throws IOException naming the file that is missing or cannot be read as what it should be
     */
    static SslContext server(BrokerOptions.Tls tls) throws IOException {
        readable(tls.certFile(), "tlsCertFile");
        readable(tls.keyFile(), "tlsKeyFile");
        SslContextBuilder builder;
        try {
            builder = SslContextBuilder.forServer(tls.certFile().toFile(), tls.keyFile().toFile());
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot read the broker's certificate " + tls.certFile() + " and key "
                    + tls.keyFile() + " (PEM, the key PKCS#8 unencrypted): " + e.getMessage(), e);
        }
        builder.sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2");
        if (tls.caFile() != null) {
            readable(tls.caFile(), "tlsCaFile");
            builder.trustManager(tls.caFile().toFile())
                    .clientAuth(tls.requireCertificate() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot set up TLS from " + tls.certFile() + ", " + tls.keyFile()
                    + (tls.caFile() == null ? "" : ", " + tls.caFile()) + ": " + e.getMessage(), e);
        }
    }

    private static void readable(Path file, String key) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException(BrokerConfig.PID + "." + key + " = " + file + ": no such file, or not readable");
        }
    }
}
