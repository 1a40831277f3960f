#include "models/domain/requestnumber.h"

#include <QRandomGenerator>
#include <QTest>

using namespace civicdesk;

class TestRequestNumber : public QObject
{
    Q_OBJECT

private:
    static QList<RequestNumber> sample()
    {
        QList<RequestNumber> numbers;
        QRandomGenerator random(20261123);
        for (qint64 sequence :
             {qint64(0), qint64(1), qint64(30), qint64(31), RequestNumber::MaxSequence}) {
            numbers.append(RequestNumber::make(QStringLiteral("22222"), sequence).value());
            numbers.append(RequestNumber::make(QStringLiteral("ZZZZZ"), sequence).value());
        }
        for (int i = 0; i < 300; ++i) {
            QString device;
            for (int j = 0; j < RequestNumber::DeviceLength; ++j)
                device += RequestNumber::alphabet().at(int(random.bounded(31)));
            numbers.append(
                RequestNumber::make(device, random.bounded(RequestNumber::MaxSequence + 1))
                    .value());
        }
        return numbers;
    }

private slots:
    void alphabetHasNoConfusableSymbols()
    {
        const QString &a = RequestNumber::alphabet();
        QCOMPARE(a.size(), 31);
        for (QChar c : {u'0', u'O', u'1', u'I', u'L'})
            QVERIFY2(!a.contains(c), qPrintable(QString(c)));
        QCOMPARE(QSet<QChar>(a.cbegin(), a.cend()).size(), 31);
    }

    void roundTrip()
    {
        for (const RequestNumber &n : sample()) {
            auto parsed = RequestNumber::parse(n.display());
            QVERIFY2(parsed.ok(), qPrintable(n.display()));
            QCOMPARE(parsed.value(), n);
            QCOMPARE(parsed.value().sequence(), n.sequence());
            QCOMPARE(n.compact().size(), RequestNumber::Length);
        }
    }

    void readAloudFormsAreAccepted()
    {
        const RequestNumber n = RequestNumber::make(QStringLiteral("K7QMX"), 12345).value();
        QCOMPARE(n.display().size(), 11);
        QCOMPARE(n.display().at(5), u'-');
        const QString spaced = n.compact().toLower().insert(3, u' ').insert(7, u' ');
        QVERIFY(RequestNumber::parse(spaced).ok());
        QCOMPARE(RequestNumber::parse(spaced).value(), n);
    }

    void everySingleSubstitutionIsDetected()
    {
        int checked = 0;
        for (const RequestNumber &n : sample()) {
            const QString text = n.compact();
            for (int i = 0; i < text.size(); ++i) {
                for (QChar c : RequestNumber::alphabet()) {
                    if (c == text.at(i))
                        continue;
                    QString typo = text;
                    typo[i] = c;
                    const auto parsed = RequestNumber::parse(typo);
                    QVERIFY2(!parsed.ok(), qPrintable(text + u" -> " + typo));
                    QCOMPARE(parsed.error().code, QStringLiteral("request_number.check"));
                    ++checked;
                }
            }
        }
        QCOMPARE(checked, 310 * 10 * 30);
    }

    void everyAdjacentTranspositionIsDetected()
    {
        for (const RequestNumber &n : sample()) {
            const QString text = n.compact();
            for (int i = 0; i + 1 < text.size(); ++i) {
                if (text.at(i) == text.at(i + 1))
                    continue; // swapping equal symbols changes nothing
                QString swapped = text;
                std::swap(swapped[i], swapped[i + 1]);
                QVERIFY2(!RequestNumber::parse(swapped).ok(), qPrintable(text + u" -> " + swapped));
            }
        }
    }

    void confusableSymbolsGetTheirOwnMessage()
    {
        const auto parsed = RequestNumber::parse(QStringLiteral("O2345-6789A"));
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, QStringLiteral("request_number.confusable"));
        QVERIFY(parsed.error().message.contains(u"\"O\""));
    }

    void wrongLengthAndBadInput()
    {
        QCOMPARE(RequestNumber::parse(QStringLiteral("22222-2222")).error().code,
                 QStringLiteral("request_number.length"));
        QCOMPARE(RequestNumber::parse(QString()).error().code,
                 QStringLiteral("request_number.length"));
        QCOMPARE(RequestNumber::parse(QStringLiteral("22222-222#2")).error().code,
                 QStringLiteral("request_number.symbol"));
        QVERIFY(!RequestNumber::make(QStringLiteral("2222"), 1).ok());
        QVERIFY(!RequestNumber::make(QStringLiteral("22222"), -1).ok());
        QVERIFY(!RequestNumber::make(QStringLiteral("22222"), RequestNumber::MaxSequence + 1).ok());
    }

    void deviceCodesAreValidAndVaried()
    {
        QSet<QString> codes;
        for (int i = 0; i < 1000; ++i) {
            const QString code = RequestNumber::randomDeviceCode();
            QVERIFY(RequestNumber::isValidDeviceCode(code));
            codes.insert(code);
        }
        QVERIFY(codes.size() > 990);
    }

    void sequencesOfOneDeviceAreDistinct()
    {
        QSet<QString> seen;
        for (qint64 s = 0; s < 20000; ++s)
            seen.insert(RequestNumber::make(QStringLiteral("ABCDE"), s).value().compact());
        QCOMPARE(seen.size(), 20000);
    }
};

QTEST_GUILESS_MAIN(TestRequestNumber)
#include "tst_requestnumber.moc"
