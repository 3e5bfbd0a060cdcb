namespace CnnZoo.Architectures.Analysis;

/// <summary>One slide group of the lecture (an architecture or a figure) with its checked numbers.</summary>
/// <param name="Title">"AlexNet (alexnet_2012)", "Inception module at 28×28×256" …</param>
/// <param name="Checks">Every printed number of the group, next to the measured one.</param>
/// <param name="Remarks">Measured facts the slides state in words, or context for the numbers.</param>
public sealed record LectureSection(string Title, IReadOnlyList<LectureCheck> Checks, IReadOnlyList<string> Remarks) : IHtmlReport
{
    /// <summary>The checks as a table: quantity, lecture, measured, verdict, note.</summary>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("quantity", "lecture prints", "measured on the module", "verdict", "note");
        table.Caption = Title;
        foreach (var c in Checks)
            table.AddRow(c.Quantity, c.Printed, c.Measured, VerdictCell(c.Verdict), c.Note ?? "");
        foreach (var r in Remarks) table.Notes.Add(r);
        return table;
    }

    /// <inheritdoc />
    public string ToHtml() => ToTable().ToHtml();

    internal static HtmlCell VerdictCell(LectureVerdict verdict) => new(LectureCheck.Describe(verdict), Background: verdict switch
    {
        LectureVerdict.Exact => "#d9f2de",
        LectureVerdict.Rounded => "#e9f7ec",
        LectureVerdict.Approximate => "#fff4cc",
        _ => "#fbd5d5",
    }, Bold: verdict == LectureVerdict.Misprint);
}
