// Factorial: what a task computes, read from the number itself.
#include "Factorial.h"

#include <QTest>

using namespace lab;

namespace {

// n! mod p by plain repeated multiplication: nothing shared with GMP's algorithm.
std::uint64_t factorialModP(int n)
{
    __extension__ unsigned __int128 product = 1;
    for (int k = 2; k <= n; ++k)
        product = product * unsigned(k) % Factorial::checkPrime;
    return std::uint64_t(product);
}

} // namespace

class tst_Factorial : public QObject
{
    Q_OBJECT

private slots:
    void digitsAreTheNumbers_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<qint64>("digits");
        QTest::newRow("0!") << 0 << qint64(1);
        QTest::newRow("1!") << 1 << qint64(1);
        QTest::newRow("5! = 120") << 5 << qint64(3);
        QTest::newRow("10! = 3628800") << 10 << qint64(7);
        QTest::newRow("20!") << 20 << qint64(19);
        QTest::newRow("25!") << 25 << qint64(26);
        QTest::newRow("100!") << 100 << qint64(158);
        QTest::newRow("1000!") << 1000 << qint64(2568);
        QTest::newRow("100000! (the lesson's)") << 100000 << qint64(456574);
    }
    void digitsAreTheNumbers()
    {
        QFETCH(int, n);
        QFETCH(qint64, digits);
        QCOMPARE(Factorial::compute(n).digits, digits);
        QCOMPARE(Factorial::expectedDigits(n), digits);
    }

    // A skipped or wrong factorial cannot pass: the residue mod a large prime
    // is read from the computed number and checked against a product mod p.
    void residueMatchesAnIndependentProduct_data()
    {
        QTest::addColumn<int>("n");
        for (int n : {0, 1, 2, 20, 21, 997, 12345, 100000, 250000})
            QTest::newRow(qPrintable(QString::number(n) + u'!')) << n;
    }
    void residueMatchesAnIndependentProduct()
    {
        QFETCH(int, n);
        const auto result = Factorial::compute(n);
        QCOMPARE(result.residue, factorialModP(n));
        QCOMPARE(result.digits, Factorial::expectedDigits(n));
        if (n > 1) // a neighbour's factorial is told apart
            QVERIFY(Factorial::compute(n - 1).residue != result.residue);
    }
};

QTEST_GUILESS_MAIN(tst_Factorial)
#include "tst_factorial.moc"
