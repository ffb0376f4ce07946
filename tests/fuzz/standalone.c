/*
 * standalone.c - a driver for the fuzz targets where libFuzzer is missing:
 * runs LLVMFuzzerTestOneInput on each file named (a corpus replay), then on
 * N inputs of random bytes from a fixed seed: "fuzz_X [-n N] [FILE...]".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	static uint8_t buf[1 << 16];
	unsigned long n = 100000;
	uint64_t s = 0x9e3779b97f4a7c15ULL;

	for (int i = 1; i < argc; i++) {
		FILE *f;
		size_t len;

		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
			n = strtoul(argv[++i], NULL, 10);
			continue;
		}
		f = fopen(argv[i], "rb");
		if (f == NULL) {
			perror(argv[i]);
			return 2;
		}
		len = fread(buf, 1, sizeof buf, f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, len);
	}
	for (unsigned long k = 0; k < n; k++) {
		size_t len;

		s ^= s >> 12, s ^= s << 25, s ^= s >> 27;
		len = (size_t)((s * 0x2545f4914f6cdd1dULL) % 512);
		for (size_t i = 0; i < len; i++) {
			s ^= s >> 12, s ^= s << 25, s ^= s >> 27;
			buf[i] = (uint8_t)((s * 0x2545f4914f6cdd1dULL) >> 56);
		}
		LLVMFuzzerTestOneInput(buf, len);
	}
	printf("%lu random inputs and %d files: no report\n", n, argc - 1);
	return 0;
}
