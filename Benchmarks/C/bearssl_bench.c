/* BearSSL 0.6 (Debian libbearssl-dev), constant-time portable implementations only, on the rows of
 * `brook bench`: AES-GCM = aes_ct64 CTR + ghash_ctmul64, ChaCha20-Poly1305 = chacha20_ct +
 * poly1305_ctmul, P-256 = ec_p256_m31 (ECDSA with the i31 code), X25519 = ec_c25519_m31.
 * Build: cc -O2 bearssl_bench.c -lbearssl. Output: Benchmarks/README.md. */
#include <bearssl.h>

#include "bench_harness.h"

static const unsigned char aad[13] = {0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5};
static const int aead_sizes[3] = {64, 1200, 16384};

static unsigned char buffer[16384], sealed[16384], tag[16];
static size_t length;

/* ---- AES-GCM ---- */
struct gcm {
    br_aes_ct64_ctr_keys keys;
    br_gcm_context gcm;
    unsigned char iv[12];
};

static void gcm_seal(void *c, long n) {
    struct gcm *g = c;
    for (long i = 0; i < n; i++) {
        br_gcm_reset(&g->gcm, g->iv, 12);
        br_gcm_aad_inject(&g->gcm, aad, sizeof aad);
        br_gcm_flip(&g->gcm);
        br_gcm_run(&g->gcm, 1, buffer, length);
        br_gcm_get_tag(&g->gcm, tag);
    }
}

static void gcm_open(void *c, long n) {
    struct gcm *g = c;
    for (long i = 0; i < n; i++) {
        memcpy(buffer, sealed, length); /* every implementation restores the ciphertext the same way */
        br_gcm_reset(&g->gcm, g->iv, 12);
        br_gcm_aad_inject(&g->gcm, aad, sizeof aad);
        br_gcm_flip(&g->gcm);
        br_gcm_run(&g->gcm, 0, buffer, length);
        if (!br_gcm_check_tag(&g->gcm, tag)) bench_fail("aes-gcm open rejected its own tag");
    }
}

static void aes_gcm_rows(const struct bench_options *o, const char *name, size_t key_bytes) {
    struct gcm g;
    unsigned char key[32];
    char op[64];
    memset(key, 0x42, sizeof key);
    memset(g.iv, 0x24, sizeof g.iv);
    br_aes_ct64_ctr_init(&g.keys, key, key_bytes);
    br_gcm_init(&g.gcm, &g.keys.vtable, br_ghash_ctmul64);
    for (int s = 0; s < 3; s++) {
        length = aead_sizes[s];
        memset(buffer, 0x5A, length);
        snprintf(op, sizeof op, "%s-seal", name);
        bench_row(o, op, (int)length, gcm_seal, &g);
        memset(buffer, 0x5A, length);
        gcm_seal(&g, 1);
        memcpy(sealed, buffer, length);
        snprintf(op, sizeof op, "%s-open", name);
        bench_row(o, op, (int)length, gcm_open, &g);
    }
}

/* ---- ChaCha20-Poly1305 ---- */
static const unsigned char chacha_key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                             17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
static const unsigned char chacha_nonce[12] = {0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24};

static void chacha_seal(void *c, long n) {
    (void)c;
    for (long i = 0; i < n; i++)
        br_poly1305_ctmul_run(chacha_key, chacha_nonce, buffer, length, aad, sizeof aad, tag, br_chacha20_ct_run, 1);
}

static void chacha_open(void *c, long n) {
    (void)c;
    unsigned char check[16];
    for (long i = 0; i < n; i++) {
        memcpy(buffer, sealed, length);
        br_poly1305_ctmul_run(chacha_key, chacha_nonce, buffer, length, aad, sizeof aad, check, br_chacha20_ct_run, 0);
        /* BearSSL computes the tag; the caller compares (constant-time compare of 16 bytes). */
        unsigned char diff = 0;
        for (int j = 0; j < 16; j++) diff |= check[j] ^ tag[j];
        if (diff) bench_fail("chacha20-poly1305 open rejected its own tag");
    }
}

static void chacha_rows(const struct bench_options *o) {
    for (int s = 0; s < 3; s++) {
        length = aead_sizes[s];
        memset(buffer, 0x5A, length);
        bench_row(o, "chacha20-poly1305-seal", (int)length, chacha_seal, NULL);
        memset(buffer, 0x5A, length);
        chacha_seal(NULL, 1);
        memcpy(sealed, buffer, length);
        bench_row(o, "chacha20-poly1305-open", (int)length, chacha_open, NULL);
    }
}

/* ---- AES-128-CTR, SHA-1, SHA-256, HMAC-SHA1 ---- */
static br_aes_ct64_ctr_keys ctr_keys;

static void aes_ctr(void *c, long n) {
    (void)c;
    static const unsigned char iv[12] = {0};
    for (long i = 0; i < n; i++) br_aes_ct64_ctr_run(&ctr_keys, iv, 1, buffer, length);
}

static void sha1(void *c, long n) {
    (void)c;
    br_sha1_context h;
    unsigned char out[20];
    for (long i = 0; i < n; i++) {
        br_sha1_init(&h);
        br_sha1_update(&h, buffer, length);
        br_sha1_out(&h, out);
    }
}

static void sha256(void *c, long n) {
    (void)c;
    br_sha256_context h;
    unsigned char out[32];
    for (long i = 0; i < n; i++) {
        br_sha256_init(&h);
        br_sha256_update(&h, buffer, length);
        br_sha256_out(&h, out);
    }
}

static void hmac_sha1(void *c, long n) {
    const br_hmac_key_context *key = c;
    br_hmac_context h;
    unsigned char out[20];
    for (long i = 0; i < n; i++) {
        br_hmac_init(&h, key, 0);
        br_hmac_update(&h, buffer, length);
        br_hmac_out(&h, out);
    }
}

static void stream_rows(const struct bench_options *o) {
    unsigned char key[32];
    memset(key, 0x42, sizeof key);
    br_aes_ct64_ctr_init(&ctr_keys, key, 16);
    static const int sizes[2] = {1200, 16384};
    for (int s = 0; s < 2; s++) {
        length = sizes[s];
        memset(buffer, 0x5A, length);
        bench_row(o, "aes-128-ctr", (int)length, aes_ctr, NULL);
        bench_row(o, "sha1", (int)length, sha1, NULL);
        bench_row(o, "sha256", (int)length, sha256, NULL);
    }
    br_hmac_key_context hmac_key;
    br_hmac_key_init(&hmac_key, &br_sha1_vtable, key, 32);
    length = 1200;
    bench_row(o, "hmac-sha1", 1200, hmac_sha1, &hmac_key);
}

/* ---- P-256 and X25519 ---- */
static br_hmac_drbg_context drbg;
static unsigned char priv_buf[BR_EC_KBUF_PRIV_MAX_SIZE], pub_buf[BR_EC_KBUF_PUB_MAX_SIZE];
static br_ec_private_key priv;
static br_ec_public_key pub;
static unsigned char peer[65], digest[32], signature[64];
static size_t signature_length;

static void p256_keygen(void *c, long n) {
    (void)c;
    unsigned char kbuf[BR_EC_KBUF_PRIV_MAX_SIZE], pbuf[BR_EC_KBUF_PUB_MAX_SIZE];
    br_ec_private_key sk;
    br_ec_public_key pk;
    for (long i = 0; i < n; i++) {
        if (!br_ec_keygen(&drbg.vtable, &br_ec_p256_m31, &sk, kbuf, BR_EC_secp256r1)) bench_fail("keygen");
        if (!br_ec_compute_pub(&br_ec_p256_m31, &pk, pbuf, &sk)) bench_fail("compute_pub");
    }
}

static void p256_ecdh(void *c, long n) {
    (void)c;
    unsigned char point[65];
    for (long i = 0; i < n; i++) {
        memcpy(point, peer, 65);
        if (!br_ec_p256_m31.mul(point, 65, priv.x, priv.xlen, BR_EC_secp256r1)) bench_fail("ecdh");
    }
}

static void p256_sign(void *c, long n) {
    (void)c;
    for (long i = 0; i < n; i++)
        if (!br_ecdsa_i31_sign_raw(&br_ec_p256_m31, &br_sha256_vtable, digest, &priv, signature)) bench_fail("sign");
}

static void p256_verify(void *c, long n) {
    (void)c;
    for (long i = 0; i < n; i++)
        if (!br_ecdsa_i31_vrfy_raw(&br_ec_p256_m31, digest, 32, &pub, signature, signature_length)) bench_fail("verify");
}

static unsigned char x_scalar[32], x_peer[32];

static void x25519(void *c, long n) {
    (void)c;
    unsigned char u[32];
    for (long i = 0; i < n; i++) {
        memcpy(u, x_peer, 32);
        if (!br_ec_c25519_m31.mul(u, 32, x_scalar, 32, BR_EC_curve25519)) bench_fail("x25519");
    }
}

static void key_rows(const struct bench_options *o) {
    static const char seed[] = "brook bench bearssl";
    br_hmac_drbg_init(&drbg, &br_sha256_vtable, seed, sizeof seed);
    bench_row(o, "p256-keygen", 0, p256_keygen, NULL);

    if (!br_ec_keygen(&drbg.vtable, &br_ec_p256_m31, &priv, priv_buf, BR_EC_secp256r1)) bench_fail("keygen");
    if (!br_ec_compute_pub(&br_ec_p256_m31, &pub, pub_buf, &priv)) bench_fail("compute_pub");
    unsigned char other_buf[BR_EC_KBUF_PRIV_MAX_SIZE], other_pub_buf[BR_EC_KBUF_PUB_MAX_SIZE];
    br_ec_private_key other;
    br_ec_public_key other_pub;
    br_ec_keygen(&drbg.vtable, &br_ec_p256_m31, &other, other_buf, BR_EC_secp256r1);
    br_ec_compute_pub(&br_ec_p256_m31, &other_pub, other_pub_buf, &other);
    memcpy(peer, other_pub.q, 65);
    bench_row(o, "p256-ecdh", 0, p256_ecdh, NULL);

    br_sha256_context h;
    br_sha256_init(&h);
    br_sha256_update(&h, buffer, 64);
    br_sha256_out(&h, digest);
    bench_row(o, "p256-sign", 0, p256_sign, NULL);
    signature_length = br_ecdsa_i31_sign_raw(&br_ec_p256_m31, &br_sha256_vtable, digest, &priv, signature);
    bench_row(o, "p256-verify", 0, p256_verify, NULL);

    br_hmac_drbg_generate(&drbg, x_scalar, 32);
    br_hmac_drbg_generate(&drbg, x_peer, 32);
    x_peer[31] &= 0x7F;
    bench_row(o, "x25519", 0, x25519, NULL);
}

int main(int argc, char **argv) {
    struct bench_options o;
    bench_parse(&o, argc, argv, "bearssl");
    aes_gcm_rows(&o, "aes-128-gcm", 16);
    aes_gcm_rows(&o, "aes-256-gcm", 32);
    chacha_rows(&o);
    stream_rows(&o);
    key_rows(&o);
    return 0;
}
