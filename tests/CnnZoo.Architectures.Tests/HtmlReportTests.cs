using CnnZoo.Architectures.Analysis;

namespace CnnZoo.Architectures.Tests;

/// <summary>HTML renderings for notebooks: the table builder, model summaries, the zoo overview.</summary>
[TestClass]
public sealed class HtmlReportTests
{
    [TestMethod]
    public void TableEncodesTextAlignsNumbersAndKeepsRowsFooterAndNotes()
    {
        var table = new HtmlTable("name", "count").AlignRight(1);
        table.Caption = "A <caption>";
        table.AddRow("x < y & z", "1,024");
        table.AddRow(HtmlCell.Html("<b>raw</b>"), new HtmlCell("2", Background: "#ff0000", Title: "tip", Bold: true));
        table.AddSpanningRow("… 3 more rows …");
        table.AddFooterRow("total", "1,026");
        table.Notes.Add("note & more");
        var html = table.ToHtml();

        StringAssert.Contains(html, "x &lt; y &amp; z");
        StringAssert.Contains(html, "A &lt;caption&gt;");
        StringAssert.Contains(html, "<b>raw</b>");
        StringAssert.Contains(html, "<td class=\"r\" style=\"font-weight:bold;background:#ff0000;\" title=\"tip\">2</td>");
        StringAssert.Contains(html, "<th class=\"r\">count</th>");
        StringAssert.Contains(html, "colspan=\"2\">… 3 more rows …</td>");
        StringAssert.Contains(html, "<tfoot><tr><td>total</td><td class=\"r\">1,026</td></tr></tfoot>");
        StringAssert.Contains(html, "note &amp; more");
        Assert.AreEqual(3, table.RowCount);
        Assert.AreEqual(html, table.ToString());
    }

    [TestMethod]
    public void TableRejectsRowsOfTheWrongWidthAndBadColumns()
    {
        var table = new HtmlTable("a", "b");
        Assert.ThrowsExactly<ArgumentException>(() => table.AddRow("only one"));
        Assert.ThrowsExactly<ArgumentException>(() => table.AddFooterRow("1", "2", "3"));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => table.AlignRight(2));
        Assert.ThrowsExactly<ArgumentException>(() => new HtmlTable());
    }

    [TestMethod]
    public void SummaryHtmlHasTheLayerRowsAndTotals()
    {
        using var model = ModelZoo.Create("lenet5_paper");
        var summary = ModelSummary.Of(model);
        var html = summary.ToHtml();

        StringAssert.Contains(html, "lenet5_paper — input 32x32x1");
        StringAssert.Contains(html, "<td>C3</td><td>ConnectionTableConv</td><td>10x10x16</td>");
        StringAssert.Contains(html, "150,000");                          // C3's MACs
        StringAssert.Contains(html, "Trainable parameters 60,000 (+840 fixed)");
        StringAssert.Contains(html, summary.TotalMacs.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsFalse(html.Contains("ScaledTanh", StringComparison.Ordinal), "compact tables fold activation rows away");
        StringAssert.Contains(summary.ToHtml(compact: false), "ScaledTanh");
    }

    [TestMethod]
    public void LongSummariesShowHeadAndTailAroundAnEllipsis()
    {
        using var model = ModelZoo.Create("resnet56_cifar");
        var summary = ModelSummary.Of(model);
        var compactRows = summary.Layers.Count(r => r.IsActivationMap || r.Parameters > 0);
        var html = summary.ToHtml(maxRows: 20);

        StringAssert.Contains(html, $"… {compactRows - 20:N0} more rows …");
        StringAssert.Contains(html, "<td>conv1</td>");
        StringAssert.Contains(html, "<td>fc</td>");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => summary.ToHtml(maxRows: 1));
        var details = summary.ToHtmlDetails(open: true);
        StringAssert.StartsWith(details, "<details open");
        StringAssert.Contains(details, "853,018 params");
    }

    [TestMethod]
    public void ZooOverviewMeasuresChosenModelsAndReusesTheirSummaries()
    {
        var zoo = ZooOverview.Measure(["lenet5", "resnet20_cifar"]);
        CollectionAssert.AreEqual(new[] { "lenet5", "resnet20_cifar" }, zoo.Entries.Select(e => e.Spec.Name).ToArray());
        Assert.AreEqual(61_706, zoo.Entries[0].Parameters);
        Assert.AreEqual(269_722, zoo.Entries[1].Parameters);
        Assert.AreSame(zoo.Entries[1].Summary, zoo.Summary("RESNET20_CIFAR"));
        Assert.AreEqual(60_000, zoo.Summary("lenet5_paper").TotalParameters); // not measured yet: built on demand

        var table = zoo.ToTable();
        Assert.AreEqual(2, table.RowCount);
        var html = zoo.ToHtml();
        StringAssert.Contains(html, "8.75% CIFAR-10 test error (Table 6)");
        Assert.AreEqual(2, html.Split("<details").Length - 1);
        Assert.IsFalse(zoo.ToHtml(layerTables: false).Contains("<details", StringComparison.Ordinal));
        Assert.ThrowsExactly<ArgumentException>(() => ZooOverview.Measure(["nosuchnet"]));
    }
}
