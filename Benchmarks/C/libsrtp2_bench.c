/* libsrtp2 (Debian's libsrtp2-dev, on NSS) on the SRTP rows of `brook bench`: srtp_protect and
 * srtp_unprotect of RTP packets with a 1200-byte payload under the four DTLS-SRTP profiles, with the
 * keys, header and payload Brook's SrtpBenchSuite uses. Build: cc -O2 libsrtp2_bench.c -lsrtp2.
 * Output: Benchmarks/README.md; each row is
 *   {"op": "srtp-protect", "profile": "AES_CM_128_HMAC_SHA1_80", "bytes": 1200, "impl": "libsrtp2",
 *    "packets_per_s": …, "mb_per_s": …}
 * (MB/s counts the 1200 payload bytes). A --filter selects a row when it is part of the op or the profile. */
#include <srtp2/srtp.h>

#include "bench_harness.h"

#define PAYLOAD 1200
#define HEADER 12
#define BATCH 64                                   /* packets protected ahead of each timed unprotect run */
#define SLOT (HEADER + PAYLOAD + SRTP_MAX_TRAILER_LEN + 4) /* room srtp_protect may write */
#define SSRC 0x5EC0DE01u

static const struct {
    const char *name;
    srtp_profile_t profile;
    int key, salt; /* master key and salt lengths, bytes (RFC 5764 §4.1.2, RFC 7714 §12) */
} profiles[4] = {
    {"AES_CM_128_HMAC_SHA1_80", srtp_profile_aes128_cm_sha1_80, 16, 14},
    {"AES_CM_128_HMAC_SHA1_32", srtp_profile_aes128_cm_sha1_32, 16, 14},
    {"AEAD_AES_128_GCM", srtp_profile_aead_aes_128_gcm, 16, 12},
    {"AEAD_AES_256_GCM", srtp_profile_aead_aes_256_gcm, 32, 12},
};

struct srtp_bench {
    srtp_t sender, receiver;
    unsigned char packets[BATCH][SLOT];
    unsigned char plain[HEADER + PAYLOAD];
    unsigned short sequence; /* the next packet's; only increases (mod 2^16, the ROC follows) */
};

static void check(srtp_err_status_t status, const char *what) {
    if (status != srtp_err_status_ok) {
        fprintf(stderr, "libsrtp2: %s: error %d\n", what, (int)status);
        exit(1);
    }
}

static void next_packet(struct srtp_bench *b, unsigned char *slot) {
    memcpy(slot, b->plain, sizeof b->plain);
    slot[2] = (unsigned char)(b->sequence >> 8);
    slot[3] = (unsigned char)b->sequence;
    b->sequence++;
}

static double seconds_between(const struct timespec *start, const struct timespec *end) {
    return (double)(end->tv_sec - start->tv_sec) + (double)(end->tv_nsec - start->tv_nsec) / 1e9;
}

/* A body returns the seconds spent in the part it measures. */
typedef double (*srtp_body)(struct srtp_bench *b, long iterations, clockid_t clock);

/* Protect: the packet's header gets the next sequence number (in the timed loop, as in Brook's row); the
 * payload is whatever the last call left, encrypted again (the cost does not depend on it). */
static double protect_body(struct srtp_bench *b, long n, clockid_t clock) {
    unsigned char *packet = b->packets[0];
    struct timespec start, end;
    clock_gettime(clock, &start);
    for (long i = 0; i < n; i++) {
        packet[2] = (unsigned char)(b->sequence >> 8);
        packet[3] = (unsigned char)b->sequence;
        b->sequence++;
        int length = HEADER + PAYLOAD;
        check(srtp_protect(b->sender, packet, &length), "srtp_protect");
    }
    clock_gettime(clock, &end);
    return seconds_between(&start, &end);
}

/* Unprotect: the receiver refuses replays, so every packet is fresh. Batches of BATCH packets are
 * protected with the clock stopped, then unprotected once each with the clock running. */
static double unprotect_body(struct srtp_bench *b, long n, clockid_t clock) {
    double seconds = 0;
    int lengths[BATCH];
    for (long done = 0; done < n;) {
        int count = n - done < BATCH ? (int)(n - done) : BATCH;
        for (int i = 0; i < count; i++) {
            next_packet(b, b->packets[i]);
            lengths[i] = HEADER + PAYLOAD;
            check(srtp_protect(b->sender, b->packets[i], &lengths[i]), "srtp_protect");
        }
        struct timespec start, end;
        clock_gettime(clock, &start);
        for (int i = 0; i < count; i++) {
            check(srtp_unprotect(b->receiver, b->packets[i], &lengths[i]), "srtp_unprotect");
        }
        clock_gettime(clock, &end);
        seconds += seconds_between(&start, &end);
        for (int i = 0; i < count; i++) {
            if (lengths[i] != HEADER + PAYLOAD || memcmp(b->packets[i] + HEADER, b->plain + HEADER, PAYLOAD) != 0)
                bench_fail("srtp_unprotect returned another packet");
        }
        done += count;
    }
    return seconds;
}

/* bench_rate's loop (bench_harness.h) over a body that measures itself. */
static double srtp_rate(const struct bench_options *o, srtp_body body, struct srtp_bench *b) {
    double calibration = o->rounds == 1 ? 0.001 : 0.004;
    long iterations = 1;
    double elapsed = body(b, iterations, o->clock);
    while (elapsed < calibration) {
        iterations *= 2;
        elapsed = body(b, iterations, o->clock);
    }
    long per_round = (long)((double)iterations * (o->seconds / o->rounds) / elapsed);
    if (per_round < 1) per_round = 1;
    double best = 0;
    for (int r = 0; r < o->rounds; r++) {
        double rate = (double)per_round / body(b, per_round, o->clock);
        if (rate > best) best = rate;
    }
    return best;
}

static srtp_t make_session(int p, srtp_ssrc_type_t direction);

/* Each row starts a new sender and receiver (as Brook's rows do), so that both begin at ROC 0. */
static void srtp_row(const struct bench_options *o, const char *op, int p, srtp_body body, struct srtp_bench *b) {
    if (!bench_selects(o, op) && !bench_selects(o, profiles[p].name)) return;
    b->sender = make_session(p, ssrc_any_outbound);
    b->receiver = make_session(p, ssrc_any_inbound);
    b->sequence = 0;
    next_packet(b, b->packets[0]);
    double rate = srtp_rate(o, body, b);
    printf("{\"op\": \"%s\", \"profile\": \"%s\", \"bytes\": %d, \"impl\": \"%s\", \"packets_per_s\": %.1f, "
           "\"mb_per_s\": %.1f}\n",
           op, profiles[p].name, PAYLOAD, o->impl, rate, rate * PAYLOAD / 1e6);
    fflush(stdout);
    check(srtp_dealloc(b->sender), "srtp_dealloc");
    check(srtp_dealloc(b->receiver), "srtp_dealloc");
}

/* The DTLS-SRTP keying material Brook's suite uses: byte i is i*7+1 (mod 256); the client's write key and
 * salt protect, the receiver unprotects with the same (RFC 5764 §4.2 layout: keys, then salts). */
static srtp_t make_session(int p, srtp_ssrc_type_t direction) {
    int key = profiles[p].key, salt = profiles[p].salt;
    unsigned char material[2 * (32 + 14)], master[32 + 14];
    for (int i = 0; i < 2 * (key + salt); i++) material[i] = (unsigned char)(i * 7 + 1);
    memcpy(master, material, key);                   /* client_write_SRTP_master_key */
    memcpy(master + key, material + 2 * key, salt);  /* client_write_SRTP_master_salt */

    srtp_policy_t policy;
    memset(&policy, 0, sizeof policy);
    check(srtp_crypto_policy_set_from_profile_for_rtp(&policy.rtp, profiles[p].profile), "rtp policy");
    check(srtp_crypto_policy_set_from_profile_for_rtcp(&policy.rtcp, profiles[p].profile), "rtcp policy");
    policy.ssrc.type = direction;
    policy.key = master;
    policy.window_size = 128;
    policy.next = NULL;
    srtp_t session;
    check(srtp_create(&session, &policy), "srtp_create");
    return session;
}

int main(int argc, char **argv) {
    struct bench_options o;
    bench_parse(&o, argc, argv, "libsrtp2");
    check(srtp_init(), "srtp_init");
    static struct srtp_bench b;
    /* RTP header (RFC 3550 §5.1): V=2, PT 96, sequence number set per packet, timestamp, SSRC. */
    const unsigned char header[HEADER] = {0x80, 0x60, 0x00, 0x00, 0x00, 0x01, 0x5F, 0x90,
                                          SSRC >> 24, (SSRC >> 16) & 0xFF, (SSRC >> 8) & 0xFF, SSRC & 0xFF};
    memcpy(b.plain, header, HEADER);
    memset(b.plain + HEADER, 0x5A, PAYLOAD);
    for (int p = 0; p < 4; p++) {
        srtp_row(&o, "srtp-protect", p, protect_body, &b);
        srtp_row(&o, "srtp-unprotect", p, unprotect_body, &b);
    }
    check(srtp_shutdown(), "srtp_shutdown");
    return 0;
}
