/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz.h: what every fuzz target of tests/fuzz shares: libFuzzer's entry
 * points, declared, and CHECK, which stops the run on a broken promise,
 * naming the file, the line and the condition.
 */
#ifndef CONSULT_FUZZ_H
#define CONSULT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define CHECK(cond) do { if (!(cond)) { \
        fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
        __builtin_trap(); } } while (0)

#endif /* CONSULT_FUZZ_H */
