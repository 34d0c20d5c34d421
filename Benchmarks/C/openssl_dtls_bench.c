/* OpenSSL's in-memory DTLS 1.2 handshakes per second: the reference of `brook dtls bench --compare openssl`.
 * Client and server SSL objects in one process, over memory BIOs, configured as Brook's bench configures its
 * own handshakes (Sources/brook/DTLSBenchPair.swift): DTLS 1.2 only, one suite and one group per row,
 * ECDSA+SHA256 signatures, extended master secret, no tickets and no resumption, a self-signed ECDSA P-256
 * certificate per side, mutual authentication by SHA-256 fingerprint, use_srtp, a cookie exchange
 * (HelloVerifyRequest) on every handshake, MTU 1200, and 60 bytes of EXTRACTOR-dtls_srtp exported by both
 * sides. Timing: bench_harness.h's calibrated batches on the thread's CPU clock, the best of 40 rounds.
 * Build: cc -O2 openssl_dtls_bench.c -lssl -lcrypto. Options: --seconds S (per row, default 1.0), --quick,
 * --suite IANA-NAME, --group x25519|secp256r1, --verbose (what each row's first handshake negotiated, on stderr).
 * Output, one line per suite × group:
 * {"op": "dtls-handshake", "suite": "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "group": "x25519", "impl": "openssl",
 *  "handshakes_per_s": 1234.5, "ms_per_handshake": 0.8101} */
#include <openssl/err.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "bench_harness.h"

static const struct { const char *iana, *openssl; } suites[] = {
    {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"},
    {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384"},
    {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"},
};
/* The row's group, and on the x25519 row P-256 after it: in TLS 1.2 OpenSSL (after RFC 8422 §5.1.1) only
 * accepts an ECDSA key, its own or the peer's, on a curve both sides list, and both certificates are P-256.
 * X25519 comes first on both sides, so it is the group negotiated (check_negotiation checks). Brook lists
 * the row's group only and does not tie the certificate's curve to it. */
static const struct { const char *name, *openssl; int nid; } groups[] = {
    {"x25519", "X25519:P-256", NID_X25519},
    {"secp256r1", "P-256", NID_X9_62_prime256v1},
};

#define MTU 1200
#define EXPORT_LENGTH 60
static const char srtp_profiles[] = "SRTP_AES128_CM_SHA1_80:SRTP_AES128_CM_SHA1_32:SRTP_AEAD_AES_128_GCM:SRTP_AEAD_AES_256_GCM";
static const char exporter_label[] = "EXTRACTOR-dtls_srtp";

/* A side's certificate, key and the SHA-256 fingerprint its peer expects. */
struct identity {
    EVP_PKEY *key;
    X509 *certificate;
    unsigned char fingerprint[32];
};

/* One row: a context per side, and the fingerprint each side expects of its peer. */
struct row {
    SSL_CTX *client, *server;
    const struct identity *client_identity, *server_identity;
    long handshakes;
};

static void fail(const char *what) {
    ERR_print_errors_fp(stderr);
    bench_fail(what);
}

static void check(int ok, const char *what) {
    if (ok != 1) fail(what);
}

/* ---- Certificates: self-signed ECDSA P-256 like WebRTC's (CN=WebRTC, a day back, 30 days ahead) ---- */
static void make_identity(struct identity *identity) {
    identity->key = EVP_EC_gen("P-256");
    if (identity->key == NULL) fail("EVP_EC_gen");
    X509 *certificate = X509_new();
    unsigned char serial[16];
    check(RAND_bytes(serial, sizeof serial), "serial");
    serial[0] = (serial[0] & 0x3F) | 0x40;
    BIGNUM *number = BN_bin2bn(serial, sizeof serial, NULL);
    if (number == NULL || BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate)) == NULL) fail("serial number");
    BN_free(number);
    check(X509_set_version(certificate, X509_VERSION_3), "version");
    if (X509_gmtime_adj(X509_getm_notBefore(certificate), -24L * 3600) == NULL) fail("notBefore");
    if (X509_gmtime_adj(X509_getm_notAfter(certificate), 30L * 24 * 3600) == NULL) fail("notAfter");
    X509_NAME *name = X509_get_subject_name(certificate);
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, (const unsigned char *)"WebRTC", -1, -1, 0), "CN");
    check(X509_set_issuer_name(certificate, name), "issuer");
    check(X509_set_pubkey(certificate, identity->key), "public key");
    if (X509_sign(certificate, identity->key, EVP_sha256()) <= 0) fail("X509_sign");
    unsigned int length = 0;
    check(X509_digest(certificate, EVP_sha256(), identity->fingerprint, &length), "fingerprint");
    identity->certificate = certificate;
}

/* ---- Cookies: HMAC-SHA256 under a process secret over the connection's (synthetic) peer address, as
 * Brook's stateless HelloVerifyRequest binds its cookie to the peer. (Brook also MACs the ClientHello's
 * random; OpenSSL's callbacks cannot see it when the first cookie is made. Same two SHA-256 blocks.) ---- */
static unsigned char cookie_secret[32];
static long cookies_issued, cookies_verified;

struct peer_address {
    unsigned char bytes[18]; /* an IPv6 address and port, distinct per handshake */
};

static void cookie_mac(SSL *ssl, unsigned char mac[32]) {
    const struct peer_address *peer = SSL_get_app_data(ssl);
    unsigned int length = 0;
    if (HMAC(EVP_sha256(), cookie_secret, sizeof cookie_secret, peer->bytes, sizeof peer->bytes, mac, &length) == NULL ||
        length != 32)
        fail("cookie HMAC");
}

static int generate_cookie(SSL *ssl, unsigned char *cookie, unsigned int *length) {
    cookie_mac(ssl, cookie);
    *length = 32;
    cookies_issued++;
    return 1;
}

static int verify_cookie(SSL *ssl, const unsigned char *cookie, unsigned int length) {
    unsigned char expected[32];
    cookie_mac(ssl, expected);
    if (length != sizeof expected || CRYPTO_memcmp(expected, cookie, sizeof expected) != 0) return 0;
    cookies_verified++;
    return 1;
}

/* No CA chain: the fingerprint is checked once the handshake is done, as WebRTC does. */
static int accept_certificate(int preverified, X509_STORE_CTX *store) {
    (void)preverified;
    (void)store;
    return 1;
}

/* ---- Contexts ---- */
static SSL_CTX *make_context(int server, const struct identity *identity, const char *suite, const char *group) {
    SSL_CTX *context = SSL_CTX_new(DTLS_method());
    if (context == NULL) fail("SSL_CTX_new");
    check(SSL_CTX_set_min_proto_version(context, DTLS1_2_VERSION), "min version");
    check(SSL_CTX_set_max_proto_version(context, DTLS1_2_VERSION), "max version");
    check(SSL_CTX_set_cipher_list(context, suite), "cipher list");
    check(SSL_CTX_set1_groups_list(context, group), "groups");
    check(SSL_CTX_set1_sigalgs_list(context, "ECDSA+SHA256"), "signature algorithms");
    check(SSL_CTX_set1_client_sigalgs_list(context, "ECDSA+SHA256"), "client signature algorithms");
    check(SSL_CTX_use_certificate(context, identity->certificate), "certificate");
    check(SSL_CTX_use_PrivateKey(context, identity->key), "private key");
    check(SSL_CTX_check_private_key(context), "key matches certificate");
    if (SSL_CTX_set_tlsext_use_srtp(context, srtp_profiles) != 0) fail("use_srtp"); /* 0 is success */
    SSL_CTX_set_session_cache_mode(context, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(context, SSL_OP_NO_TICKET | SSL_OP_NO_QUERY_MTU | (server ? SSL_OP_COOKIE_EXCHANGE : 0));
    SSL_CTX_set_verify(context, server ? SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT : SSL_VERIFY_PEER,
                       accept_certificate);
    if (server) {
        SSL_CTX_set_cookie_generate_cb(context, generate_cookie);
        SSL_CTX_set_cookie_verify_cb(context, verify_cookie);
    }
    return context;
}

/* ---- One handshake ---- */
static BIO *memory_bio(void) {
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL) fail("BIO_new");
    BIO_set_mem_eof_return(bio, -1); /* empty: "retry", not end of file */
    return bio;
}

static SSL *make_ssl(SSL_CTX *context, BIO *in, BIO *out) {
    SSL *ssl = SSL_new(context);
    if (ssl == NULL) fail("SSL_new");
    SSL_set_bio(ssl, in, out);
    check(DTLS_set_link_mtu(ssl, MTU), "DTLS_set_link_mtu");
    return ssl;
}

/* Moves what one side wrote into the other side's input. */
static void transfer(BIO *from, BIO *to) {
    char buffer[4096];
    int length;
    while ((length = BIO_read(from, buffer, sizeof buffer)) > 0)
        if (BIO_write(to, buffer, length) != length) fail("BIO_write");
}

/* One step of a side's handshake: 1 while it goes on or is done, 0 on failure. */
static int step(SSL *ssl, int *done) {
    if (*done) return 1;
    int result = SSL_do_handshake(ssl);
    if (result == 1) {
        *done = 1;
        return 1;
    }
    int error = SSL_get_error(ssl, result);
    return error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE;
}

/* Whether the peer's certificate has the expected SHA-256 fingerprint. */
static int peer_matches(SSL *ssl, const unsigned char expected[32]) {
    X509 *peer = SSL_get0_peer_certificate(ssl);
    unsigned char digest[32];
    unsigned int length = 0;
    return peer != NULL && X509_digest(peer, EVP_sha256(), digest, &length) == 1 && length == 32 &&
           CRYPTO_memcmp(digest, expected, 32) == 0;
}

/* The datagrams one side wrote, counted (and the largest) in the untimed check handshake. */
struct datagram_log {
    long count;
    size_t largest;
};

/* During the handshake OpenSSL packs each datagram in a buffering BIO and writes it out in one piece. */
static long log_datagram(BIO *bio, int operation, const char *data, size_t length, int argi, long argl, int result,
                         size_t *processed) {
    (void)data, (void)length, (void)argi, (void)argl;
    struct datagram_log *log = (struct datagram_log *)BIO_get_callback_arg(bio);
    if (operation == (BIO_CB_WRITE | BIO_CB_RETURN) && result > 0 && processed != NULL) {
        log->count++;
        if (*processed > log->largest) log->largest = *processed;
    }
    return result;
}

/* A full handshake, checked (both fingerprints, both exports); returns the two connected SSL objects.
 * `logs` (client's, server's), when given, count the datagrams each side writes. */
static void connect_pair(struct row *row, SSL **client_out, SSL **server_out, struct datagram_log *logs) {
    BIO *to_client = memory_bio(), *from_client = memory_bio(), *to_server = memory_bio(), *from_server = memory_bio();
    if (logs != NULL) {
        BIO_set_callback_ex(from_client, log_datagram);
        BIO_set_callback_arg(from_client, (char *)&logs[0]);
        BIO_set_callback_ex(from_server, log_datagram);
        BIO_set_callback_arg(from_server, (char *)&logs[1]);
    }
    SSL *client = make_ssl(row->client, to_client, from_client), *server = make_ssl(row->server, to_server, from_server);
    struct peer_address peer = {{0x20, 0x01, 0x0d, 0xb8}};
    long index = row->handshakes++;
    memcpy(peer.bytes + 8, &index, sizeof index);
    SSL_set_app_data(server, &peer);
    SSL_set_connect_state(client);
    SSL_set_accept_state(server);
    int client_done = 0, server_done = 0;
    for (int exchange = 0; exchange < 10 && !(client_done && server_done); exchange++) {
        if (!step(client, &client_done)) fail("client handshake");
        transfer(from_client, to_server);
        if (!step(server, &server_done)) fail("server handshake");
        transfer(from_server, to_client);
    }
    SSL_set_app_data(server, NULL);
    if (!(client_done && server_done)) fail("the handshake did not complete");
    if (!peer_matches(server, row->client_identity->fingerprint)) fail("the server saw a wrong client fingerprint");
    if (!peer_matches(client, row->server_identity->fingerprint)) fail("the client saw a wrong server fingerprint");
    unsigned char client_keys[EXPORT_LENGTH], server_keys[EXPORT_LENGTH];
    check(SSL_export_keying_material(client, client_keys, sizeof client_keys, exporter_label, strlen(exporter_label), NULL, 0, 0),
          "client export");
    check(SSL_export_keying_material(server, server_keys, sizeof server_keys, exporter_label, strlen(exporter_label), NULL, 0, 0),
          "server export");
    if (memcmp(client_keys, server_keys, sizeof client_keys) != 0) fail("the two sides exported different keys");
    *client_out = client;
    *server_out = server;
}

static void handshakes(void *context, long count) {
    for (long i = 0; i < count; i++) {
        SSL *client, *server;
        connect_pair(context, &client, &server, NULL);
        SSL_free(client); /* and its BIOs */
        SSL_free(server);
    }
}

/* ---- The untimed first handshake of a row: it negotiated what the row claims ---- */
static void expect(int condition, const char *side, const char *what) {
    if (condition) return;
    fprintf(stderr, "%s: %s\n", side, what);
    fail("the handshake did not negotiate what the row claims");
}

static void check_side(SSL *ssl, const char *side, const char *suite, int group) {
    expect(SSL_version(ssl) == DTLS1_2_VERSION, side, "not DTLS 1.2");
    expect(strcmp(SSL_CIPHER_standard_name(SSL_get_current_cipher(ssl)), suite) == 0, side, "another cipher suite");
    expect(SSL_get_negotiated_group(ssl) == group, side, "another group");
    expect(SSL_get_extms_support(ssl) == 1, side, "no extended master secret");
    expect(SSL_get_selected_srtp_profile(ssl) != NULL, side, "no SRTP profile");
    expect(SSL_session_reused(ssl) == 0, side, "a resumed session");
    expect(SSL_get0_peer_certificate(ssl) != NULL, side, "no peer certificate");
    int hash = 0, type = 0;
    expect(SSL_get_peer_signature_nid(ssl, &hash) == 1 && hash == NID_sha256, side, "the peer did not sign with SHA-256");
    expect(SSL_get_peer_signature_type_nid(ssl, &type) == 1 && type == EVP_PKEY_EC, side, "the peer did not sign with ECDSA");
}

static void check_negotiation(struct row *row, const char *suite, int group, int verbose) {
    long issued = cookies_issued, verified = cookies_verified;
    struct datagram_log logs[2] = {{0, 0}, {0, 0}};
    SSL *client, *server;
    connect_pair(row, &client, &server, logs);
    check_side(client, "client", suite, group);
    check_side(server, "server", suite, group);
    expect(cookies_issued - issued == 1 && cookies_verified - verified == 1, "server", "not one HelloVerifyRequest and one verified cookie");
    expect(SSL_get_selected_srtp_profile(client)->id == SSL_get_selected_srtp_profile(server)->id, "both", "different SRTP profiles");
    expect(logs[0].largest <= MTU && logs[1].largest <= MTU, "both", "a datagram larger than the MTU");
    if (verbose)
        fprintf(stderr,
                "%s %s: %s, %s, group %s, extended master secret %ld/%ld, srtp %s, peer signatures ECDSA+SHA256, "
                "client certificate on the server %s, cookies issued %ld verified %ld, datagrams client %ld (largest %zu) "
                "server %ld (largest %zu), both fingerprints matched, %d bytes of %s exported alike\n",
                suite, OBJ_nid2sn(group), SSL_get_version(client), SSL_CIPHER_get_name(SSL_get_current_cipher(client)),
                OBJ_nid2sn(SSL_get_negotiated_group(server)), SSL_get_extms_support(client), SSL_get_extms_support(server),
                SSL_get_selected_srtp_profile(server)->name, SSL_get0_peer_certificate(server) ? "present" : "absent",
                cookies_issued - issued, cookies_verified - verified, logs[0].count, logs[0].largest, logs[1].count,
                logs[1].largest, EXPORT_LENGTH, exporter_label);
    SSL_free(client);
    SSL_free(server);
}


/* ---- Options and rows ---- */
int main(int argc, char **argv) {
    struct bench_options options = {.seconds = 1.0, .rounds = 40, .impl = "openssl", .clock = CLOCK_THREAD_CPUTIME_ID};
    const char *only_suite = NULL, *only_group = NULL;
    int verbose = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) {
            options.seconds = 0.05;
            options.rounds = 1;
        } else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
            options.seconds = atof(argv[++i]);
        } else if (strcmp(argv[i], "--suite") == 0 && i + 1 < argc) {
            only_suite = argv[++i];
        } else if (strcmp(argv[i], "--group") == 0 && i + 1 < argc) {
            only_group = argv[++i];
        } else if (strcmp(argv[i], "--verbose") == 0) {
            verbose = 1;
        } else {
            fprintf(stderr, "%s: unknown argument %s\n", argv[0], argv[i]);
            return 2;
        }
    }
    if (!(options.seconds > 0)) {
        fprintf(stderr, "%s: --seconds must be positive\n", argv[0]);
        return 2;
    }
    check(RAND_bytes(cookie_secret, sizeof cookie_secret), "cookie secret");
    struct identity client_identity, server_identity;
    make_identity(&client_identity);
    make_identity(&server_identity);

    int rows = 0;
    for (size_t s = 0; s < sizeof suites / sizeof suites[0]; s++) {
        if (only_suite && strcmp(only_suite, suites[s].iana) != 0) continue;
        for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
            if (only_group && strcmp(only_group, groups[g].name) != 0) continue;
            struct row row = {
                .client = make_context(0, &client_identity, suites[s].openssl, groups[g].openssl),
                .server = make_context(1, &server_identity, suites[s].openssl, groups[g].openssl),
                .client_identity = &client_identity,
                .server_identity = &server_identity,
            };
            check_negotiation(&row, suites[s].iana, groups[g].nid, verbose);
            long issued = cookies_issued, verified = cookies_verified, first = row.handshakes;
            double rate = bench_rate(&options, handshakes, &row);
            /* Every timed handshake went through a HelloVerifyRequest and a verified cookie. */
            long count = row.handshakes - first;
            if (cookies_issued - issued != count || cookies_verified - verified != count) fail("a handshake without a cookie exchange");
            printf("{\"op\": \"dtls-handshake\", \"suite\": \"%s\", \"group\": \"%s\", \"impl\": \"%s\", "
                   "\"handshakes_per_s\": %.1f, \"ms_per_handshake\": %.4f}\n",
                   suites[s].iana, groups[g].name, options.impl, rate, 1000 / rate);
            fflush(stdout);
            SSL_CTX_free(row.client);
            SSL_CTX_free(row.server);
            rows++;
        }
    }
    if (rows == 0) {
        fprintf(stderr, "%s: no suite × group matches --suite/--group\n", argv[0]);
        return 2;
    }
    return 0;
}
