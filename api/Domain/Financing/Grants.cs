namespace Klima.Api.Domain.Financing;

/// <summary>The life of a grant (bevilling): reserved (afsat), released (frigivet), spent (forbrugt), closed (afsluttet).</summary>
public enum GrantState
{
    Reserved,
    Released,
    Spent,
    Closed,
}

public static class GrantLifecycle
{
    /// <summary>
    /// Allowed moves: a reservation is released or closed unused; released money is spent or closed (the rest lapses);
    /// spent money is closed. Nothing moves backwards: a mistake is corrected by a new grant, not by rewriting history.
    /// </summary>
    public static bool CanMove(GrantState from, GrantState to) => (from, to) switch
    {
        (GrantState.Reserved, GrantState.Released) => true,
        (GrantState.Reserved, GrantState.Closed) => true,
        (GrantState.Released, GrantState.Spent) => true,
        (GrantState.Released, GrantState.Closed) => true,
        (GrantState.Spent, GrantState.Closed) => true,
        _ => false,
    };
}
