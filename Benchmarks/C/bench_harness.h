/* The timing loop and output format of every `brook bench` reference program (Benchmarks/README.md):
 * options --quick, --seconds S, --elapsed, --filter TEXT (repeatable), --impl NAME; one JSON line per row.
 * openssl_dtls_bench.c (`brook dtls bench --compare openssl`) has options and rows of its own and uses only the
 * timing (bench_rate) and bench_fail; the helpers are `static inline` so that an unused one draws no warning. */
#ifndef BROOK_BENCH_HARNESS_H
#define BROOK_BENCH_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


typedef void (*bench_body)(void *context, long iterations);

struct bench_options {
    double seconds;
    int rounds;
    const char *filters[16];
    int filter_count;
    const char *impl;
    clockid_t clock; /* CLOCK_THREAD_CPUTIME_ID, or CLOCK_MONOTONIC with --elapsed */
};

static inline void bench_parse(struct bench_options *o, int argc, char **argv, const char *default_impl) {
    o->seconds = 0.5;
    o->rounds = 5;
    o->filter_count = 0;
    o->impl = default_impl;
    o->clock = CLOCK_THREAD_CPUTIME_ID;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) {
            o->seconds = 0.01;
            o->rounds = 1;
        } else if (strcmp(argv[i], "--elapsed") == 0) {
            o->clock = CLOCK_MONOTONIC;
        } else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
            o->seconds = atof(argv[++i]);
        } else if (strcmp(argv[i], "--filter") == 0 && i + 1 < argc && o->filter_count < 16) {
            o->filters[o->filter_count++] = argv[++i];
        } else if (strcmp(argv[i], "--impl") == 0 && i + 1 < argc) {
            o->impl = argv[++i];
        } else {
            fprintf(stderr, "%s: unknown argument %s\n", argv[0], argv[i]);
            exit(2);
        }
    }
}

static inline int bench_selects(const struct bench_options *o, const char *op) {
    if (o->filter_count == 0) return 1;
    for (int i = 0; i < o->filter_count; i++)
        if (strstr(op, o->filters[i]) != NULL) return 1;
    return 0;
}

static inline double bench_timed(clockid_t clock, bench_body body, void *context, long iterations) {
    struct timespec start, end;
    clock_gettime(clock, &start);
    body(context, iterations);
    clock_gettime(clock, &end);
    return (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
}

/* Iterations doubled until a batch takes 4 ms (1 ms when quick), then `rounds` batches sized to
 * share `seconds`; the best batch counts. Time is the thread's CPU time (as `openssl speed` counts
 * by default), so that other work on a shared machine does not count against a program. */
static inline double bench_rate(const struct bench_options *o, bench_body body, void *context) {
    double calibration = o->rounds == 1 ? 0.001 : 0.004;
    long iterations = 1;
    double elapsed = bench_timed(o->clock, body, context, iterations);
    while (elapsed < calibration) {
        iterations *= 2;
        elapsed = bench_timed(o->clock, body, context, iterations);
    }
    long per_round = (long)((double)iterations * (o->seconds / o->rounds) / elapsed);
    if (per_round < 1) per_round = 1;
    double best = 0;
    for (int r = 0; r < o->rounds; r++) {
        double rate = (double)per_round / bench_timed(o->clock, body, context, per_round);
        if (rate > best) best = rate;
    }
    return best;
}

/* A throughput row (bytes > 0: MB/s, 10^6 bytes) or a key-operation row (bytes == 0: ops/s). */
static inline void bench_row(const struct bench_options *o, const char *op, int bytes, bench_body body, void *context) {
    if (!bench_selects(o, op)) return;
    double rate = bench_rate(o, body, context);
    if (bytes > 0)
        printf("{\"op\": \"%s\", \"bytes\": %d, \"impl\": \"%s\", \"mb_per_s\": %.1f}\n", op, bytes, o->impl,
               rate * bytes / 1e6);
    else
        printf("{\"op\": \"%s\", \"impl\": \"%s\", \"ops_per_s\": %.1f}\n", op, o->impl, rate);
    fflush(stdout);
}

static inline void bench_fail(const char *what) {
    fprintf(stderr, "benchmark failure: %s\n", what);
    exit(1);
}

#endif
