using BenchmarkDotNet.Attributes;
using Klima.Api.Domain.Financing;

namespace Klima.Benchmarks;

/// <summary>
/// The allocation arithmetic (largest remainder in øre, Int128 intermediates): a joint amount split over a region's
/// municipalities equally, by population weights and by basis-point shares, and summing a year of budget lines.
/// </summary>
[MemoryDiagnoser]
public class AllocationBenchmarks
{
    private readonly Money _total = Money.FromKroner(12_345_678) + new Money(91);
    private List<long> _weights = [];
    private List<int> _shares = [];
    private List<Money> _lines = [];

    [Params(11, 29, 98)]
    public int Parties { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        _weights = Enumerable.Range(0, Parties).Select(_ => (long)random.Next(1_800, 660_000)).ToList();
        var shares = Enumerable.Range(0, Parties).Select(_ => random.Next(1, 100)).ToList();
        var sum = shares.Sum();
        _shares = shares.Select(s => s * Allocation.WholeInBasisPoints / sum).ToList();
        _shares[0] += Allocation.WholeInBasisPoints - _shares.Sum();
        _lines = Enumerable.Range(0, 20_000).Select(_ => new Money(random.Next(500_000, 40_000_000))).ToList();
    }

    [Benchmark(Description = "equal split")]
    public IReadOnlyList<Money> Equal() => Allocation.Equal(_total, Parties);

    [Benchmark(Description = "split by population weights")]
    public IReadOnlyList<Money> ByWeights() => Allocation.ByWeights(_total, _weights);

    [Benchmark(Description = "split by basis-point shares")]
    public IReadOnlyList<Money> ByShares() => Allocation.ByShares(_total, _shares);

    [Benchmark(Description = "sum of 20,000 budget lines (checked)")]
    public Money SumLines() => Money.Sum(_lines);
}
