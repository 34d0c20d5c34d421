/* OpenSSL libcrypto (EVP) on the rows of `brook bench`. Run it once as shipped (--impl openssl) and once
 * with OPENSSL_ia32cap masking AES-NI and PCLMULQDQ (--impl openssl-nohw); `brook bench` does both.
 * Build: cc -O2 openssl_bench.c -lcrypto. Output: Benchmarks/README.md. */
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "bench_harness.h"

static const unsigned char aad[13] = {0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5};
static const unsigned char iv[16] = {0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24};
static const int aead_sizes[3] = {64, 1200, 16384};

static unsigned char buffer[16384], sealed[16384], tag[16];
static int length;

static void check(int ok, const char *what) {
    if (ok != 1) bench_fail(what);
}

/* ---- AEADs: the key is set once; each operation sets the IV and runs one message ---- */
static void aead_seal(void *c, long n) {
    EVP_CIPHER_CTX *ctx = c;
    int out;
    for (long i = 0; i < n; i++) {
        check(EVP_EncryptInit_ex(ctx, NULL, NULL, NULL, iv), "seal init");
        check(EVP_EncryptUpdate(ctx, NULL, &out, aad, sizeof aad), "seal aad");
        check(EVP_EncryptUpdate(ctx, buffer, &out, buffer, length), "seal update");
        check(EVP_EncryptFinal_ex(ctx, buffer + out, &out), "seal final");
        check(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, tag), "get tag");
    }
}

static void aead_open(void *c, long n) {
    EVP_CIPHER_CTX *ctx = c;
    int out;
    for (long i = 0; i < n; i++) {
        memcpy(buffer, sealed, length); /* every implementation restores the ciphertext the same way */
        check(EVP_DecryptInit_ex(ctx, NULL, NULL, NULL, iv), "open init");
        check(EVP_DecryptUpdate(ctx, NULL, &out, aad, sizeof aad), "open aad");
        check(EVP_DecryptUpdate(ctx, buffer, &out, buffer, length), "open update");
        check(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16, tag), "set tag");
        check(EVP_DecryptFinal_ex(ctx, buffer + out, &out), "open rejected its own tag");
    }
}

static void aead_rows(const struct bench_options *o, const char *name, const EVP_CIPHER *cipher) {
    unsigned char key[32];
    char op[64];
    memset(key, 0x42, sizeof key);
    EVP_CIPHER_CTX *seal = EVP_CIPHER_CTX_new(), *open = EVP_CIPHER_CTX_new();
    check(EVP_EncryptInit_ex(seal, cipher, NULL, key, iv), "seal key");
    check(EVP_DecryptInit_ex(open, cipher, NULL, key, iv), "open key");
    for (int s = 0; s < 3; s++) {
        length = aead_sizes[s];
        memset(buffer, 0x5A, length);
        snprintf(op, sizeof op, "%s-seal", name);
        bench_row(o, op, length, aead_seal, seal);
        memset(buffer, 0x5A, length);
        aead_seal(seal, 1);
        memcpy(sealed, buffer, length);
        snprintf(op, sizeof op, "%s-open", name);
        bench_row(o, op, length, aead_open, open);
    }
    EVP_CIPHER_CTX_free(seal);
    EVP_CIPHER_CTX_free(open);
}

/* ---- AES-128-CTR, SHA-1, SHA-256, HMAC-SHA1 ---- */
static void aes_ctr(void *c, long n) {
    EVP_CIPHER_CTX *ctx = c;
    int out;
    for (long i = 0; i < n; i++) {
        check(EVP_EncryptInit_ex(ctx, NULL, NULL, NULL, iv), "ctr init");
        check(EVP_EncryptUpdate(ctx, buffer, &out, buffer, length), "ctr update");
    }
}

struct digest_bench {
    EVP_MD_CTX *ctx;
    EVP_MD *md;
};

static void digest(void *c, long n) {
    struct digest_bench *d = c;
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int out_length;
    for (long i = 0; i < n; i++) {
        check(EVP_DigestInit_ex(d->ctx, d->md, NULL), "digest init");
        check(EVP_DigestUpdate(d->ctx, buffer, length), "digest update");
        check(EVP_DigestFinal_ex(d->ctx, out, &out_length), "digest final");
    }
}

static void hmac(void *c, long n) {
    EVP_MAC_CTX *ctx = c;
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t out_length;
    for (long i = 0; i < n; i++) {
        check(EVP_MAC_init(ctx, NULL, 0, NULL), "hmac init"); /* same key, fresh message */
        check(EVP_MAC_update(ctx, buffer, length), "hmac update");
        check(EVP_MAC_final(ctx, out, &out_length, sizeof out), "hmac final");
    }
}

static void stream_rows(const struct bench_options *o) {
    unsigned char key[32];
    memset(key, 0x42, sizeof key);
    EVP_CIPHER_CTX *ctr = EVP_CIPHER_CTX_new();
    check(EVP_EncryptInit_ex(ctr, EVP_aes_128_ctr(), NULL, key, iv), "ctr key");
    struct digest_bench sha1 = {EVP_MD_CTX_new(), EVP_MD_fetch(NULL, "SHA1", NULL)};
    struct digest_bench sha256 = {EVP_MD_CTX_new(), EVP_MD_fetch(NULL, "SHA256", NULL)};
    static const int sizes[2] = {1200, 16384};
    for (int s = 0; s < 2; s++) {
        length = sizes[s];
        memset(buffer, 0x5A, length);
        bench_row(o, "aes-128-ctr", length, aes_ctr, ctr);
        bench_row(o, "sha1", length, digest, &sha1);
        bench_row(o, "sha256", length, digest, &sha256);
    }
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    EVP_MAC_CTX *hmac_ctx = EVP_MAC_CTX_new(mac);
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, "SHA1", 0), OSSL_PARAM_construct_end()};
    check(EVP_MAC_init(hmac_ctx, key, 32, params), "hmac key");
    length = 1200;
    bench_row(o, "hmac-sha1", 1200, hmac, hmac_ctx);
    EVP_MAC_CTX_free(hmac_ctx);
    EVP_MAC_free(mac);
    EVP_CIPHER_CTX_free(ctr);
    EVP_MD_CTX_free(sha1.ctx);
    EVP_MD_CTX_free(sha256.ctx);
    EVP_MD_free(sha1.md);
    EVP_MD_free(sha256.md);
}

/* ---- P-256 and X25519: contexts prepared once, one key operation per iteration ---- */
static unsigned char digest_bytes[32], signature[80];
static size_t signature_length;

static void keygen(void *c, long n) {
    EVP_PKEY_CTX *ctx = c;
    for (long i = 0; i < n; i++) {
        EVP_PKEY *key = NULL;
        check(EVP_PKEY_keygen(ctx, &key), "keygen");
        EVP_PKEY_free(key);
    }
}

static void derive(void *c, long n) {
    EVP_PKEY_CTX *ctx = c;
    unsigned char secret[32];
    for (long i = 0; i < n; i++) {
        size_t secret_length = sizeof secret;
        check(EVP_PKEY_derive(ctx, secret, &secret_length), "derive");
    }
}

static void sign(void *c, long n) {
    EVP_PKEY_CTX *ctx = c;
    for (long i = 0; i < n; i++) {
        signature_length = sizeof signature;
        check(EVP_PKEY_sign(ctx, signature, &signature_length, digest_bytes, 32), "sign");
    }
}

static void verify(void *c, long n) {
    EVP_PKEY_CTX *ctx = c;
    for (long i = 0; i < n; i++) check(EVP_PKEY_verify(ctx, signature, signature_length, digest_bytes, 32), "verify");
}

static EVP_PKEY *generate(EVP_PKEY_CTX *ctx) {
    EVP_PKEY *key = NULL;
    check(EVP_PKEY_keygen(ctx, &key), "keygen");
    return key;
}

static EVP_PKEY_CTX *derivation(EVP_PKEY *mine, EVP_PKEY *peer) {
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(mine, NULL);
    check(EVP_PKEY_derive_init(ctx), "derive init");
    check(EVP_PKEY_derive_set_peer(ctx, peer), "derive peer");
    return ctx;
}

static void key_rows(const struct bench_options *o) {
    EVP_PKEY_CTX *p256 = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    check(EVP_PKEY_keygen_init(p256), "keygen init");
    check(EVP_PKEY_CTX_set_group_name(p256, "P-256"), "group");
    bench_row(o, "p256-keygen", 0, keygen, p256);

    EVP_PKEY *mine = generate(p256), *peer = generate(p256);
    EVP_PKEY_CTX *ecdh = derivation(mine, peer);
    bench_row(o, "p256-ecdh", 0, derive, ecdh);

    memset(digest_bytes, 0x77, sizeof digest_bytes);
    EVP_PKEY_CTX *signer = EVP_PKEY_CTX_new(mine, NULL), *verifier = EVP_PKEY_CTX_new(mine, NULL);
    check(EVP_PKEY_sign_init(signer), "sign init");
    check(EVP_PKEY_verify_init(verifier), "verify init");
    bench_row(o, "p256-sign", 0, sign, signer);
    sign(signer, 1);
    bench_row(o, "p256-verify", 0, verify, verifier);

    EVP_PKEY_CTX *x = EVP_PKEY_CTX_new_from_name(NULL, "X25519", NULL);
    check(EVP_PKEY_keygen_init(x), "x25519 keygen init");
    EVP_PKEY *x_mine = generate(x), *x_peer = generate(x);
    EVP_PKEY_CTX *x_derive = derivation(x_mine, x_peer);
    bench_row(o, "x25519", 0, derive, x_derive);

    EVP_PKEY_CTX_free(x_derive);
    EVP_PKEY_free(x_mine);
    EVP_PKEY_free(x_peer);
    EVP_PKEY_CTX_free(x);
    EVP_PKEY_CTX_free(signer);
    EVP_PKEY_CTX_free(verifier);
    EVP_PKEY_CTX_free(ecdh);
    EVP_PKEY_free(mine);
    EVP_PKEY_free(peer);
    EVP_PKEY_CTX_free(p256);
}

int main(int argc, char **argv) {
    struct bench_options o;
    bench_parse(&o, argc, argv, "openssl");
    aead_rows(&o, "aes-128-gcm", EVP_aes_128_gcm());
    aead_rows(&o, "aes-256-gcm", EVP_aes_256_gcm());
    aead_rows(&o, "chacha20-poly1305", EVP_chacha20_poly1305());
    stream_rows(&o);
    key_rows(&o);
    return 0;
}
