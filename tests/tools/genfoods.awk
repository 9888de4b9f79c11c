# Generate a valid dietbal food table on stdout, for the big and the crash
# tests.  Every value is a whole number computed from the food's index and
# a seed, so the expected totals are known without reading the database:
#
#   awk -v n=FOODS [-v seed=S] [-v prefix=gen] [-v tags=K] [-v sums=FILE] -f genfoods.awk
#
# n       foods to write (ids PREFIX:0000001 ...)
# tags    how many of the 35 minor nutrients each food has (default all)
# seed    changes every value (a "new version" of the same table)
# sums    file that receives "FOODS VALUES SUM": the number of foods, of
#         nutrient values, and the sum of all values (each in its tag's
#         standard unit, as the database stores them)
# Each food is about 1.9 KB (0.5 KB with tags=4).  Physical limits hold: the proximates add up
# to at most 93 g, energy to at most 267 kcal, no mass above 1 g otherwise.
BEGIN {
    if (n == "") n = 1000
    if (seed == "") seed = 0
    if (prefix == "") prefix = "gen"
    # tag, modulus (values are 0 .. modulus-1)
    ntag = split("CA MG P K NA FE CU MN SE ZN FD RETOL CARTA CARTB CRYPX LYCPN " \
                 "FOL THIA RIBF NIA PANTAC VITB6A VITB12 VITC VITD TOCPHA VITK1 CHOLN " \
                 "FASAT FAMS FAPU FATRN CHOLE FIBTG SUGAR", tag, " ")
    for (k = 1; k <= ntag; k++) mod[k] = 997
    # grams-per-100 g tags stay small
    for (k = 29; k <= ntag; k++) if (tag[k] != "CHOLE") mod[k] = 3
    if (tags != "" && tags + 0 < ntag) ntag = tags + 0
    print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    print "<foodtable version=\"1\" source=\"genfoods.awk seed " seed "\">"
    values = 0
    total = 0
    for (i = 1; i <= n; i++) {
        water = (i * 7 + seed) % 50
        prot = (i * 3 + seed) % 20
        fat = (i + 2 * seed) % 20
        kcal = 4 * prot + 9 * fat + 4 * 5
        printf "  <food id=\"%s:%07d\" name=\"Generated food number %d, version %d, " \
               "with a name long enough to look like a USDA name\" group=\"Generated foods\">\n" \
               "    <portion name=\"cup\" amount=\"1\" grams=\"%d\"/>\n" \
               "    <portion name=\"serving\" amount=\"1\" grams=\"100\"/>\n" \
               "    <nutrient tag=\"ENERC_KCAL\" value=\"%d\"/>\n" \
               "    <nutrient tag=\"WATER\" value=\"%d\"/>\n" \
               "    <nutrient tag=\"PROCNT\" value=\"%d\"/>\n" \
               "    <nutrient tag=\"FAT\" value=\"%d\"/>\n" \
               "    <nutrient tag=\"CHOCDF\" value=\"5\"/>\n" \
               "    <nutrient tag=\"ASH\" value=\"1\"/>\n",
               prefix, i, i, seed, 100 + i % 200, kcal, water, prot, fat
        total += kcal + water + prot + fat + 5 + 1
        values += 6
        for (k = 1; k <= ntag; k++) {
            v = (i * (k + 11) + seed * (k + 1)) % mod[k]
            printf "    <nutrient tag=\"%s\" value=\"%d\"/>\n", tag[k], v
            total += v
        }
        values += ntag
        print "  </food>"
    }
    print "</foodtable>"
    if (sums != "") {
        printf "%d %d %.0f\n", n, values, total > sums
        close(sums)
    }
}
