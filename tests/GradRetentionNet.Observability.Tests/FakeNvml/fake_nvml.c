/* A stand-in for libnvidia-ml.so.1 with nvml.h's signatures and struct layouts, so the
   binding's real calls and marshalling run on a machine without an NVIDIA driver.
   -DFAKE_DEVICES=N sets the device count; -DFAKE_INIT_RESULT=R makes nvmlInit_v2 return R.
   Device 1 (when there is one) does not support utilisation readings, like some boards. */
#include <string.h>

#ifndef FAKE_DEVICES
#define FAKE_DEVICES 2
#endif
#ifndef FAKE_INIT_RESULT
#define FAKE_INIT_RESULT 0
#endif

typedef int nvmlReturn_t;
typedef struct nvmlDevice_st *nvmlDevice_t;
typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;

static struct nvmlDevice_st { int index; } devices[2] = { { 0 }, { 1 } };
static int initialised;

nvmlReturn_t nvmlInit_v2(void) { initialised = FAKE_INIT_RESULT == 0; return FAKE_INIT_RESULT; }
nvmlReturn_t nvmlShutdown(void) { if (!initialised) return 1; initialised = 0; return 0; }

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count)
{
    if (!initialised) return 1;
    *count = FAKE_DEVICES;
    return 0;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device)
{
    if (!initialised) return 1;
    if (index >= FAKE_DEVICES) return 2;
    *device = &devices[index];
    return 0;
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length)
{
    if (!initialised) return 1;
    const char *names[] = { "NVIDIA H100 80GB HBM3", "NVIDIA H200" };
    if (strlen(names[device->index]) + 1 > length) return 7;
    strcpy(name, names[device->index]);
    return 0;
}

nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory)
{
    if (!initialised) return 1;
    /* Values above 2^32 catch a binding that reads 32-bit fields. */
    memory->total = 85899345920ULL + device->index;
    memory->used = 5368709120ULL + device->index;
    memory->free = memory->total - memory->used;
    return 0;
}

nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization)
{
    if (!initialised) return 1;
    if (device->index == 1) return 3;
    utilization->gpu = 37;
    utilization->memory = 12;
    return 0;
}
