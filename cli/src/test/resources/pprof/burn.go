// The Go program of PprofTest: records a CPU profile (hot burns twice as long as warm) and a block
// profile (four goroutines wait for a held mutex) with runtime/pprof, into the files it is given.
package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var sink uint64

//go:noinline
func spin(n int) uint64 {
	x := uint64(1)
	for i := 0; i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}

//go:noinline
func hot(d time.Duration) {
	for end := time.Now().Add(d); time.Now().Before(end); {
		sink += spin(100000)
	}
}

//go:noinline
func warm(d time.Duration) {
	for end := time.Now().Add(d); time.Now().Before(end); {
		sink += spin(100000)
	}
}

//go:noinline
func waitOnMutex(mu *sync.Mutex, wg *sync.WaitGroup) {
	defer wg.Done()
	mu.Lock()
	mu.Unlock()
}

func main() {
	cpu, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		panic(err)
	}
	hot(600 * time.Millisecond)
	warm(300 * time.Millisecond)
	pprof.StopCPUProfile()
	cpu.Close()

	runtime.SetBlockProfileRate(1)
	var mu sync.Mutex
	var wg sync.WaitGroup
	mu.Lock()
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go waitOnMutex(&mu, &wg)
	}
	time.Sleep(50 * time.Millisecond)
	mu.Unlock()
	wg.Wait()
	block, err := os.Create(os.Args[2])
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("block").WriteTo(block, 0); err != nil {
		panic(err)
	}
	block.Close()
}
