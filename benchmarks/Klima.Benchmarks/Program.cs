using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Klima.Benchmarks;

/// <summary>
/// Micro-benchmarks of the pure domain code (routing engine, allocation arithmetic). Run by ./klima bench, or alone:
/// <c>dotnet run -c Release --project benchmarks/Klima.Benchmarks -- --filter '*'</c>. They run in-process: the
/// generated-project toolchain would rebuild under this repository's analyzers and central package versions. Ten
/// measured iterations after five warm-ups: the build machines are shared, and three iterations were too few.
/// </summary>
internal static class Entry
{
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithWarmupCount(5).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(JsonExporter.Full)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromAssembly(typeof(Entry).Assembly).Run(args, config);
    }
}
