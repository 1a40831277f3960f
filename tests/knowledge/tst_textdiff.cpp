// TextDiff: word and line differences, reconstruction of both texts, and the size guard.

#include "models/domain/knowledge/textdiff.h"

#include <QRandomGenerator>
#include <QTest>

using namespace civicdesk;
using Op = TextDiff::Op;
using Chunk = TextDiff::Chunk;

class TestTextDiff : public QObject
{
    Q_OBJECT

private slots:
    void tokens()
    {
        QCOMPARE(TextDiff::wordTokens(QStringLiteral("Call 311, now!")),
                 (QStringList{QStringLiteral("Call"), QStringLiteral(" "), QStringLiteral("311"),
                              QStringLiteral(","), QStringLiteral(" "), QStringLiteral("now"),
                              QStringLiteral("!")}));
        QCOMPARE(TextDiff::wordTokens(QStringLiteral("vía pública")).size(), 3);
        QCOMPARE(TextDiff::lineTokens(QStringLiteral("a\nb\n\nc")),
                 (QStringList{QStringLiteral("a\n"), QStringLiteral("b\n"), QStringLiteral("\n"),
                              QStringLiteral("c")}));
        QVERIFY(TextDiff::wordTokens(QString()).isEmpty());
    }

    void identicalTexts()
    {
        const QString text = QStringLiteral("The crew comes within 10 business days.");
        const auto chunks = TextDiff::words(text, text);
        QCOMPARE(chunks, (QList<Chunk>{{Op::Equal, text}}));
        QVERIFY(!TextDiff::hasChanges(chunks));
    }

    void oneWordReplaced()
    {
        const auto chunks = TextDiff::words(QStringLiteral("within 10 business days"),
                                            QStringLiteral("within 5 business days"));
        QCOMPARE(chunks, (QList<Chunk>{{Op::Equal, QStringLiteral("within ")},
                                       {Op::Delete, QStringLiteral("10")},
                                       {Op::Insert, QStringLiteral("5")},
                                       {Op::Equal, QStringLiteral(" business days")}}));
    }

    void insertionAndDeletion()
    {
        const auto chunks = TextDiff::words(QStringLiteral("Ask for the pole number."),
                                            QStringLiteral("Ask for the exact pole number."));
        QCOMPARE(chunks, (QList<Chunk>{{Op::Equal, QStringLiteral("Ask for the ")},
                                       {Op::Insert, QStringLiteral("exact ")},
                                       {Op::Equal, QStringLiteral("pole number.")}}));
        const auto removed =
            TextDiff::words(QStringLiteral("one two three"), QStringLiteral("one three"));
        QCOMPARE(TextDiff::beforeText(removed), QStringLiteral("one two three"));
        QCOMPARE(TextDiff::afterText(removed), QStringLiteral("one three"));
        QCOMPARE(removed.size(), 3);
        QCOMPARE(removed.at(1).op, Op::Delete);
    }

    void emptySides()
    {
        QCOMPARE(TextDiff::words(QString(), QStringLiteral("new text")),
                 (QList<Chunk>{{Op::Insert, QStringLiteral("new text")}}));
        QCOMPARE(TextDiff::words(QStringLiteral("old"), QString()),
                 (QList<Chunk>{{Op::Delete, QStringLiteral("old")}}));
        QVERIFY(TextDiff::words(QString(), QString()).isEmpty());
    }

    void lines()
    {
        const QString before = QStringLiteral("## Ask\n- pole number\n- address\n");
        const QString after = QStringLiteral("## Ask\n- address\n- wires down?\n");
        const auto chunks = TextDiff::lines(before, after);
        QCOMPARE(chunks, (QList<Chunk>{{Op::Equal, QStringLiteral("## Ask\n")},
                                       {Op::Delete, QStringLiteral("- pole number\n")},
                                       {Op::Equal, QStringLiteral("- address\n")},
                                       {Op::Insert, QStringLiteral("- wires down?\n")}}));
    }

    // Random edits of a real-looking text: both sides always come back exactly, and the diff of
    // a text with itself changes nothing.
    void reconstructsBothSides()
    {
        QRandomGenerator random(311);
        const QStringList vocabulary = {
            QStringLiteral("trash"), QStringLiteral("bin"),   QStringLiteral("the"),
            QStringLiteral("crew"),  QStringLiteral("."),     QStringLiteral("\n"),
            QStringLiteral("día"),   QStringLiteral("calle"), QStringLiteral(",")};
        auto randomText = [&] {
            QString text;
            const int words = int(random.bounded(60));
            for (int i = 0; i < words; ++i)
                text += vocabulary.at(random.bounded(int(vocabulary.size()))) + u' ';
            return text;
        };
        for (int round = 0; round < 200; ++round) {
            const QString a = randomText();
            const QString b = randomText();
            const auto chunks = TextDiff::words(a, b);
            QCOMPARE(TextDiff::beforeText(chunks), a);
            QCOMPARE(TextDiff::afterText(chunks), b);
            const auto lineChunks = TextDiff::lines(a, b);
            QCOMPARE(TextDiff::beforeText(lineChunks), a);
            QCOMPARE(TextDiff::afterText(lineChunks), b);
            QVERIFY(!TextDiff::hasChanges(TextDiff::words(a, a)));
        }
    }

    // Beyond the table limit the changed middle is replaced whole, still exactly.
    void largeInputsStayBounded()
    {
        const QStringList a = {QStringLiteral("same"), QStringLiteral("x"), QStringLiteral("y"),
                               QStringLiteral("end")};
        const QStringList b = {QStringLiteral("same"), QStringLiteral("y"), QStringLiteral("z"),
                               QStringLiteral("end")};
        const auto chunks = TextDiff::diff(a, b, 4);
        QCOMPARE(chunks, (QList<Chunk>{{Op::Equal, QStringLiteral("same")},
                                       {Op::Delete, QStringLiteral("xy")},
                                       {Op::Insert, QStringLiteral("yz")},
                                       {Op::Equal, QStringLiteral("end")}}));
        QString big;
        for (int i = 0; i < 5000; ++i)
            big += QString::number(i) + u' ';
        QString changed = big;
        changed.replace(QStringLiteral(" 2500 "), QStringLiteral(" 2500 new "));
        const auto fast = TextDiff::words(big, changed);
        QCOMPARE(TextDiff::afterText(fast), changed);
        QCOMPARE(fast.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestTextDiff)
#include "tst_textdiff.moc"
